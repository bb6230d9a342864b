<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Add neighbours</source>
        <translation>Buren toevoegen</translation>
    </message>
    <message>
        <source>Add to network</source>
        <translation>Toevoegen aan netwerk</translation>
    </message>
    <message>
        <source>Add to network {0}</source>
        <translation>Toevoegen aan netwerk {0}</translation>
    </message>
    <message>
        <source>Change network</source>
        <translation>Netwerk wijzigen</translation>
    </message>
    <message>
        <source>Change network note</source>
        <translation>Netwerknotitie wijzigen</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>Notitie wijzigen</translation>
    </message>
    <message>
        <source>Change note…</source>
        <translation>Notitie wijzigen…</translation>
    </message>
    <message>
        <source>Change relation</source>
        <translation>Relatie wijzigen</translation>
    </message>
    <message>
        <source>Choose a node first.</source>
        <translation>Kies eerst een knooppunt.</translation>
    </message>
    <message>
        <source>Codes that co-occur, segments and memos linked to the chosen node</source>
        <translation>Codes die samen voorkomen, segmenten en memo's gekoppeld aan het gekozen knooppunt</translation>
    </message>
    <message>
        <source>Delete network</source>
        <translation>Netwerk verwijderen</translation>
    </message>
    <message>
        <source>Delete network {0}</source>
        <translation>Netwerk {0} verwijderen</translation>
    </message>
    <message>
        <source>Delete relation {0}</source>
        <translation>Relatie {0} verwijderen</translation>
    </message>
    <message>
        <source>Delete the network {0}? (Undo brings it back.)</source>
        <translation>Het netwerk {0} verwijderen? (Ongedaan maken brengt het terug.)</translation>
    </message>
    <message>
        <source>Drag codes from the codebook, segments from the Coded segments view and memos from the Memos tab onto the canvas. Drag from a node's dot (or Shift+drag) to another node to link them. Ctrl+wheel zooms.</source>
        <translation>Sleep codes uit het codeboek, segmenten uit de weergave Gecodeerde segmenten en memo's uit het tabblad Memo's naar het canvas. Sleep van de stip van een knooppunt (of Shift+slepen) naar een ander knooppunt om ze te koppelen. Ctrl+wieltje zoomt.</translation>
    </message>
    <message>
        <source>Drag from here to link</source>
        <translation>Sleep van hier om te koppelen</translation>
    </message>
    <message>
        <source>Export network</source>
        <translation>Netwerk exporteren</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Passend</translation>
    </message>
    <message>
        <source>Force-directed</source>
        <translation>Krachtgestuurd</translation>
    </message>
    <message>
        <source>Lay out</source>
        <translation>Ordenen</translation>
    </message>
    <message>
        <source>Lay out network</source>
        <translation>Netwerk ordenen</translation>
    </message>
    <message>
        <source>Layered</source>
        <translation>In lagen</translation>
    </message>
    <message>
        <source>Layout method</source>
        <translation>Ordeningsmethode</translation>
    </message>
    <message>
        <source>Link codes</source>
        <translation>Codes koppelen</translation>
    </message>
    <message>
        <source>Link in network</source>
        <translation>Koppelen in netwerk</translation>
    </message>
    <message>
        <source>Link in network {0}</source>
        <translation>Koppelen in netwerk {0}</translation>
    </message>
    <message>
        <source>Link with</source>
        <translation>Koppelen met</translation>
    </message>
    <message>
        <source>Move in network</source>
        <translation>Verplaatsen in netwerk</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Netwerken</translation>
    </message>
    <message>
        <source>Networks: {0}</source>
        <translation>Netwerken: {0}</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>Nieuw netwerk</translation>
    </message>
    <message>
        <source>New network {0}</source>
        <translation>Nieuw netwerk {0}</translation>
    </message>
    <message>
        <source>New network…</source>
        <translation>Nieuw netwerk…</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nieuwe notitie</translation>
    </message>
    <message>
        <source>New note…</source>
        <translation>Nieuwe notitie…</translation>
    </message>
    <message>
        <source>New relation {0}</source>
        <translation>Nieuwe relatie {0}</translation>
    </message>
    <message>
        <source>No neighbours to add.</source>
        <translation>Geen buren om toe te voegen.</translation>
    </message>
    <message>
        <source>No networks</source>
        <translation>Geen netwerken</translation>
    </message>
    <message>
        <source>PNG or SVG…</source>
        <translation>PNG of SVG…</translation>
    </message>
    <message>
        <source>Place every node automatically</source>
        <translation>Plaats elk knooppunt automatisch</translation>
    </message>
    <message>
        <source>Put the query's codes on the network in front of the Networks tab (or on a new one)</source>
        <translation>Zet de codes van de zoekvraag op het netwerk dat vooraan staat in het tabblad Netwerken (of op een nieuw)</translation>
    </message>
    <message>
        <source>Remove from network</source>
        <translation>Uit netwerk halen</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Koppeling verwijderen</translation>
    </message>
    <message>
        <source>Rename network</source>
        <translation>Netwerk hernoemen</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Tekst:</translation>
    </message>
    <message>
        <source>To network…</source>
        <translation>Naar netwerk…</translation>
    </message>
    <message>
        <source>Type a coding query first.</source>
        <translation>Typ eerst een codeerzoekvraag.</translation>
    </message>
    <message>
        <source>Unlink codes</source>
        <translation>Codes ontkoppelen</translation>
    </message>
    <message>
        <source>Unlink in network</source>
        <translation>Ontkoppelen in netwerk</translation>
    </message>
    <message>
        <source>Word report with this network…</source>
        <translation>Word-rapport met dit netwerk…</translation>
    </message>
    <message>
        <source>contradicts</source>
        <translation>spreekt tegen</translation>
    </message>
    <message>
        <source>is a</source>
        <translation>is een</translation>
    </message>
    <message>
        <source>is associated with</source>
        <translation>hangt samen met</translation>
    </message>
    <message>
        <source>is cause of</source>
        <translation>is oorzaak van</translation>
    </message>
    <message>
        <source>is part of</source>
        <translation>is onderdeel van</translation>
    </message>
    <message>
        <source>is property of</source>
        <translation>is eigenschap van</translation>
    </message>
    <message numerus="yes">
        <source>%Ln node(s)</source>
        <translation>
            <numerusform>%Ln knooppunt</numerusform>
            <numerusform>%Ln knooppunten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln link(s)</source>
        <translation>
            <numerusform>%Ln koppeling</numerusform>
            <numerusform>%Ln koppelingen</numerusform>
        </translation>
    </message>
    <message>
        <source>Coded segment</source>
        <translation>Gecodeerd segment</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>{0} {1} this one</source>
        <translation>{0} {1} deze</translation>
    </message>
    <message>
        <source>No node chosen: the arrow keys choose one.</source>
        <translation>Geen knooppunt gekozen: de pijltjestoetsen kiezen er een.</translation>
    </message>
    <message>
        <source>Link: {0} {1} {2}</source>
        <translation>Koppeling: {0} {1} {2}</translation>
    </message>
    <message>
        <source>The network has no other node to link to.</source>
        <translation>Het netwerk heeft geen ander knooppunt om mee te koppelen.</translation>
    </message>
    <message>
        <source>Link {0}</source>
        <translation>{0} koppelen</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Van:</translation>
    </message>
    <message>
        <source>Relation:</source>
        <translation>Relatie:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Naar:</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>Koppelen aan…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) chosen</source>
        <translation>
            <numerusform>%Ln onderdeel gekozen</numerusform>
            <numerusform>%Ln onderdelen gekozen</numerusform>
        </translation>
    </message>
    <message>
        <source>Network: go to the nearest node that way</source>
        <translation>Netwerk: naar het dichtstbijzijnde knooppunt in die richting</translation>
    </message>
    <message>
        <source>Network: the next node in reading order (Page Up: the one before)</source>
        <translation>Netwerk: het volgende knooppunt in leesvolgorde (Page Up: het vorige)</translation>
    </message>
    <message>
        <source>Network: go on and choose that node too</source>
        <translation>Netwerk: verder gaan en dat knooppunt ook kiezen</translation>
    </message>
    <message>
        <source>Shift+arrow keys</source>
        <translation>Shift+pijltjestoetsen</translation>
    </message>
    <message>
        <source>Network: choose every node from this one to the first (End: to the last)</source>
        <translation>Netwerk: alle knooppunten van dit tot en met het eerste kiezen (End: tot en met het laatste)</translation>
    </message>
    <message>
        <source>Network: choose the current node too, or leave it out</source>
        <translation>Netwerk: het huidige knooppunt ook kiezen, of weglaten</translation>
    </message>
    <message>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Spatie</translation>
    </message>
    <message>
        <source>Network: choose every node</source>
        <translation>Netwerk: alle knooppunten kiezen</translation>
    </message>
    <message>
        <source>Network: move the chosen nodes (with Shift: further)</source>
        <translation>Netwerk: de gekozen knooppunten verplaatsen (met Shift: verder)</translation>
    </message>
    <message>
        <source>Ctrl+arrow keys</source>
        <translation>Ctrl+pijltjestoetsen</translation>
    </message>
    <message>
        <source>Network: link the chosen node to another</source>
        <translation>Netwerk: het gekozen knooppunt aan een ander koppelen</translation>
    </message>
    <message>
        <source>Network: open what the chosen node stands for</source>
        <translation>Netwerk: openen waar het gekozen knooppunt voor staat</translation>
    </message>
    <message>
        <source>With the keyboard: the arrow keys choose a node (with Shift: one more), Ctrl+arrows move the chosen ones, L links a node, Enter opens it.</source>
        <translation>Met het toetsenbord: de pijltjestoetsen kiezen een knooppunt (met Shift: nog een), Ctrl+pijltjes verplaatsen de gekozen knooppunten, L koppelt een knooppunt, Enter opent het.</translation>
    </message>
    <message>
        <source>now at {0} {1}</source>
        <translation>nu bij {0} {1}</translation>
    </message>
</context>
</TS>
