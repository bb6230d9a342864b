<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Made on</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Restore from &amp;backup…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>Restore into a new folder</source>
        <translation>Restore into a new folder</translation>
    </message>
    <message>
        <source>Restoring makes a new project folder from a backup; the open project stays as it is.</source>
        <translation>Restoring makes a new project folder from a backup; the open project stays as it is.</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>Restoring the backup</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>The automatic backup failed: {0}</source>
        <translation>The automatic backup failed: {0}</translation>
    </message>
    <message>
        <source>The backup of {0} is now a project in {1}. Open it?</source>
        <translation>The backup of {0} is now a project in {1}. Open it?</translation>
    </message>
    <message>
        <source>These media files were missing: {0}</source>
        <translation>These media files were missing: {0}</translation>
    </message>
    <message>
        <source>This project has no backups yet.</source>
        <translation>This project has no backups yet.</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>before a merge</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>before an import</translation>
    </message>
    <message>
        <source>before an upgrade of fieldkit</source>
        <translation>before an upgrade of fieldkit</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>made by hand</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>damaged</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>intact</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored: {0}</source>
        <translation>This backup is damaged and cannot be restored: {0}</translation>
    </message>
    <message>
        <source>The backup of {0} is damaged ({1}); nothing was restored. Choose another backup.</source>
        <translation>The backup of {0} is damaged ({1}); nothing was restored. Choose another backup.</translation>
    </message>
    <message>
        <source>changed on disk since it was imported</source>
        <translation>changed on disk since it was imported</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>a symbolic link; fieldkit never follows one</source>
        <translation>a symbolic link; fieldkit never follows one</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>not a regular file</translation>
    </message>
    <message>
        <source>swapped for another file while it was being opened</source>
        <translation>swapped for another file while it was being opened</translation>
    </message>
    <message>
        <source>These media files were left out because they are not as imported: {0}</source>
        <translation>These media files were left out because they are not as imported: {0}</translation>
    </message>
    <message>
        <source>Import the original files into the new project again to put them back.</source>
        <translation>Import the original files into the new project again to put them back.</translation>
    </message>
</context>
</TS>
