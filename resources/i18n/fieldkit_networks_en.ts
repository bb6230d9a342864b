<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Add neighbours</source>
        <translation>Add neighbours</translation>
    </message>
    <message>
        <source>Add to network</source>
        <translation>Add to network</translation>
    </message>
    <message>
        <source>Add to network {0}</source>
        <translation>Add to network {0}</translation>
    </message>
    <message>
        <source>Change network</source>
        <translation>Change network</translation>
    </message>
    <message>
        <source>Change network note</source>
        <translation>Change network note</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>Change note</translation>
    </message>
    <message>
        <source>Change note…</source>
        <translation>Change note…</translation>
    </message>
    <message>
        <source>Change relation</source>
        <translation>Change relation</translation>
    </message>
    <message>
        <source>Choose a node first.</source>
        <translation>Choose a node first.</translation>
    </message>
    <message>
        <source>Codes that co-occur, segments and memos linked to the chosen node</source>
        <translation>Codes that co-occur, segments and memos linked to the chosen node</translation>
    </message>
    <message>
        <source>Delete network</source>
        <translation>Delete network</translation>
    </message>
    <message>
        <source>Delete network {0}</source>
        <translation>Delete network {0}</translation>
    </message>
    <message>
        <source>Delete relation {0}</source>
        <translation>Delete relation {0}</translation>
    </message>
    <message>
        <source>Delete the network {0}? (Undo brings it back.)</source>
        <translation>Delete the network {0}? (Undo brings it back.)</translation>
    </message>
    <message>
        <source>Drag codes from the codebook, segments from the Coded segments view and memos from the Memos tab onto the canvas. Drag from a node's dot (or Shift+drag) to another node to link them. Ctrl+wheel zooms.</source>
        <translation>Drag codes from the codebook, segments from the Coded segments view and memos from the Memos tab onto the canvas. Drag from a node's dot (or Shift+drag) to another node to link them. Ctrl+wheel zooms.</translation>
    </message>
    <message>
        <source>Drag from here to link</source>
        <translation>Drag from here to link</translation>
    </message>
    <message>
        <source>Export network</source>
        <translation>Export network</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Force-directed</source>
        <translation>Force-directed</translation>
    </message>
    <message>
        <source>Lay out</source>
        <translation>Lay out</translation>
    </message>
    <message>
        <source>Lay out network</source>
        <translation>Lay out network</translation>
    </message>
    <message>
        <source>Layered</source>
        <translation>Layered</translation>
    </message>
    <message>
        <source>Layout method</source>
        <translation>Layout method</translation>
    </message>
    <message>
        <source>Link codes</source>
        <translation>Link codes</translation>
    </message>
    <message>
        <source>Link in network</source>
        <translation>Link in network</translation>
    </message>
    <message>
        <source>Link in network {0}</source>
        <translation>Link in network {0}</translation>
    </message>
    <message>
        <source>Link with</source>
        <translation>Link with</translation>
    </message>
    <message>
        <source>Move in network</source>
        <translation>Move in network</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Networks</translation>
    </message>
    <message>
        <source>Networks: {0}</source>
        <translation>Networks: {0}</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>New network</translation>
    </message>
    <message>
        <source>New network {0}</source>
        <translation>New network {0}</translation>
    </message>
    <message>
        <source>New network…</source>
        <translation>New network…</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <source>New note…</source>
        <translation>New note…</translation>
    </message>
    <message>
        <source>New relation {0}</source>
        <translation>New relation {0}</translation>
    </message>
    <message>
        <source>No neighbours to add.</source>
        <translation>No neighbours to add.</translation>
    </message>
    <message>
        <source>No networks</source>
        <translation>No networks</translation>
    </message>
    <message>
        <source>PNG or SVG…</source>
        <translation>PNG or SVG…</translation>
    </message>
    <message>
        <source>Place every node automatically</source>
        <translation>Place every node automatically</translation>
    </message>
    <message>
        <source>Put the query's codes on the network in front of the Networks tab (or on a new one)</source>
        <translation>Put the query's codes on the network in front of the Networks tab (or on a new one)</translation>
    </message>
    <message>
        <source>Remove from network</source>
        <translation>Remove from network</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <source>Rename network</source>
        <translation>Rename network</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>To network…</source>
        <translation>To network…</translation>
    </message>
    <message>
        <source>Type a coding query first.</source>
        <translation>Type a coding query first.</translation>
    </message>
    <message>
        <source>Unlink codes</source>
        <translation>Unlink codes</translation>
    </message>
    <message>
        <source>Unlink in network</source>
        <translation>Unlink in network</translation>
    </message>
    <message>
        <source>Word report with this network…</source>
        <translation>Word report with this network…</translation>
    </message>
    <message>
        <source>contradicts</source>
        <translation>contradicts</translation>
    </message>
    <message>
        <source>is a</source>
        <translation>is a</translation>
    </message>
    <message>
        <source>is associated with</source>
        <translation>is associated with</translation>
    </message>
    <message>
        <source>is cause of</source>
        <translation>is cause of</translation>
    </message>
    <message>
        <source>is part of</source>
        <translation>is part of</translation>
    </message>
    <message>
        <source>is property of</source>
        <translation>is property of</translation>
    </message>
    <message numerus="yes">
        <source>%Ln node(s)</source>
        <translation>
            <numerusform>%Ln node</numerusform>
            <numerusform>%Ln nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln link(s)</source>
        <translation>
            <numerusform>%Ln link</numerusform>
            <numerusform>%Ln links</numerusform>
        </translation>
    </message>
    <message>
        <source>Coded segment</source>
        <translation>Coded segment</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>{0} {1} this one</source>
        <translation>{0} {1} this one</translation>
    </message>
    <message>
        <source>No node chosen: the arrow keys choose one.</source>
        <translation>No node chosen: the arrow keys choose one.</translation>
    </message>
    <message>
        <source>Link: {0} {1} {2}</source>
        <translation>Link: {0} {1} {2}</translation>
    </message>
    <message>
        <source>The network has no other node to link to.</source>
        <translation>The network has no other node to link to.</translation>
    </message>
    <message>
        <source>Link {0}</source>
        <translation>Link {0}</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>Relation:</source>
        <translation>Relation:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>Link to…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) chosen</source>
        <translation>
            <numerusform>%Ln item chosen</numerusform>
            <numerusform>%Ln items chosen</numerusform>
        </translation>
    </message>
    <message>
        <source>Network: go to the nearest node that way</source>
        <translation>Network: go to the nearest node that way</translation>
    </message>
    <message>
        <source>Network: the next node in reading order (Page Up: the one before)</source>
        <translation>Network: the next node in reading order (Page Up: the one before)</translation>
    </message>
    <message>
        <source>Network: go on and choose that node too</source>
        <translation>Network: go on and choose that node too</translation>
    </message>
    <message>
        <source>Shift+arrow keys</source>
        <translation>Shift+arrow keys</translation>
    </message>
    <message>
        <source>Network: choose every node from this one to the first (End: to the last)</source>
        <translation>Network: choose every node from this one to the first (End: to the last)</translation>
    </message>
    <message>
        <source>Network: choose the current node too, or leave it out</source>
        <translation>Network: choose the current node too, or leave it out</translation>
    </message>
    <message>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <source>Network: choose every node</source>
        <translation>Network: choose every node</translation>
    </message>
    <message>
        <source>Network: move the chosen nodes (with Shift: further)</source>
        <translation>Network: move the chosen nodes (with Shift: further)</translation>
    </message>
    <message>
        <source>Ctrl+arrow keys</source>
        <translation>Ctrl+arrow keys</translation>
    </message>
    <message>
        <source>Network: link the chosen node to another</source>
        <translation>Network: link the chosen node to another</translation>
    </message>
    <message>
        <source>Network: open what the chosen node stands for</source>
        <translation>Network: open what the chosen node stands for</translation>
    </message>
    <message>
        <source>With the keyboard: the arrow keys choose a node (with Shift: one more), Ctrl+arrows move the chosen ones, L links a node, Enter opens it.</source>
        <translation>With the keyboard: the arrow keys choose a node (with Shift: one more), Ctrl+arrows move the chosen ones, L links a node, Enter opens it.</translation>
    </message>
    <message>
        <source>now at {0} {1}</source>
        <translation>now at {0} {1}</translation>
    </message>
</context>
</TS>
