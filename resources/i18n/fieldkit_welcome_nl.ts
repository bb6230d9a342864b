<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Welcome to fieldkit</source>
        <translation>Welkom bij fieldkit</translation>
    </message>
    <message>
        <source>Code fieldnotes, interviews, photos and experience-sampling answers against one codebook, search them and report in Word, all on this computer. Look around in the demo study first, or start a project of your own.</source>
        <translation>Codeer veldnotities, interviews, foto's en ESM-antwoorden met één codeboek, doorzoek ze en rapporteer in Word, alles op deze computer. Kijk eerst rond in de demostudie, of begin een eigen project.</translation>
    </message>
    <message>
        <source>Open the &amp;demo study</source>
        <translation>Open de &amp;demostudie</translation>
    </message>
    <message>
        <source>Build and open the &amp;demo study</source>
        <translation>&amp;Demostudie maken en openen</translation>
    </message>
    <message>
        <source>&amp;Open a project…</source>
        <translation>Een project &amp;openen…</translation>
    </message>
    <message>
        <source>Join a &amp;team…</source>
        <translation>Aansluiten bij een &amp;team…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Recente projecten</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>Nog geen recente projecten.</translation>
    </message>
    <message>
        <source>Building the demo study</source>
        <translation>De demostudie wordt gemaakt</translation>
    </message>
</context>
</TS>
