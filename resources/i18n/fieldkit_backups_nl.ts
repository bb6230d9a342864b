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
    <message>
        <source>State</source>
        <translation>Staat</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschadigd</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>intact</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored: {0}</source>
        <translation>Deze back-up is beschadigd en kan niet worden hersteld: {0}</translation>
    </message>
    <message>
        <source>The backup of {0} is damaged ({1}); nothing was restored. Choose another backup.</source>
        <translation>De back-up van {0} is beschadigd ({1}); er is niets hersteld. Kies een andere back-up.</translation>
    </message>
    <message>
        <source>changed on disk since it was imported</source>
        <translation>op schijf veranderd sinds het importeren</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <source>a symbolic link; fieldkit never follows one</source>
        <translation>een symbolische koppeling; fieldkit volgt die nooit</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>geen gewoon bestand</translation>
    </message>
    <message>
        <source>swapped for another file while it was being opened</source>
        <translation>tijdens het openen door een ander bestand vervangen</translation>
    </message>
    <message>
        <source>These media files were left out because they are not as imported: {0}</source>
        <translation>Deze mediabestanden zijn weggelaten omdat ze niet meer zijn zoals ze geïmporteerd werden: {0}</translation>
    </message>
    <message>
        <source>Import the original files into the new project again to put them back.</source>
        <translation>Importeer de oorspronkelijke bestanden opnieuw in het nieuwe project om ze terug te zetten.</translation>
    </message>
</context>
</TS>
