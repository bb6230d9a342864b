<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Welcome to fieldkit</source>
        <translation>Welcome to fieldkit</translation>
    </message>
    <message>
        <source>Code fieldnotes, interviews, photos and experience-sampling answers against one codebook, search them and report in Word, all on this computer. Look around in the demo study first, or start a project of your own.</source>
        <translation>Code fieldnotes, interviews, photos and experience-sampling answers against one codebook, search them and report in Word, all on this computer. Look around in the demo study first, or start a project of your own.</translation>
    </message>
    <message>
        <source>Open the &amp;demo study</source>
        <translation>Open the &amp;demo study</translation>
    </message>
    <message>
        <source>Build and open the &amp;demo study</source>
        <translation>Build and open the &amp;demo study</translation>
    </message>
    <message>
        <source>&amp;Open a project…</source>
        <translation>&amp;Open a project…</translation>
    </message>
    <message>
        <source>Join a &amp;team…</source>
        <translation>Join a &amp;team…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Recent projects</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>No recent projects yet.</translation>
    </message>
    <message>
        <source>Building the demo study</source>
        <translation>Building the demo study</translation>
    </message>
</context>
</TS>
