<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Herstellen…</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Herstellen uit &amp;back-up…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Herstellen uit back-up</translation>
    </message>
    <message>
        <source>Restore into a new folder</source>
        <translation>Herstellen in een nieuwe map</translation>
    </message>
    <message>
        <source>Restoring makes a new project folder from a backup; the open project stays as it is.</source>
        <translation>Herstellen maakt van een back-up een nieuwe projectmap; het geopende project blijft zoals het is.</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>De back-up wordt hersteld</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <source>The automatic backup failed: {0}</source>
        <translation>De automatische back-up is mislukt: {0}</translation>
    </message>
    <message>
        <source>The backup of {0} is now a project in {1}. Open it?</source>
        <translation>De back-up van {0} is nu een project in {1}. Openen?</translation>
    </message>
    <message>
        <source>These media files were missing: {0}</source>
        <translation>Deze mediabestanden ontbraken: {0}</translation>
    </message>
    <message>
        <source>This project has no backups yet.</source>
        <translation>Dit project heeft nog geen back-ups.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>voor het samenvoegen</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>voor een import</translation>
    </message>
    <message>
        <source>before an upgrade of fieldkit</source>
        <translation>voor een upgrade van fieldkit</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>met de hand gemaakt</translation>
    </message>
</context>
</TS>
