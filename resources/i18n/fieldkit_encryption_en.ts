<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <source>Encry&amp;pt…</source>
        <translation>Encry&amp;pt…</translation>
    </message>
    <message>
        <source>Encrypt the project</source>
        <translation>Encrypt the project</translation>
    </message>
    <message>
        <source>Encrypt this project</source>
        <translation>Encrypt this project</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>Encrypted project</source>
        <translation>Encrypted project</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Remember on this computer</translation>
    </message>
    <message>
        <source>That passphrase does not open it; try again.</source>
        <translation>That passphrase does not open it; try again.</translation>
    </message>
    <message>
        <source>This project is encrypted, but the exported file will not be: keep it where your data-management plan says.</source>
        <translation>This project is encrypted, but the exported file will not be: keep it where your data-management plan says.</translation>
    </message>
    <message>
        <source>Without the passphrase or the recovery key nobody can open the project, fieldkit included.</source>
        <translation>Without the passphrase or the recovery key nobody can open the project, fieldkit included.</translation>
    </message>
    <message>
        <source>Write this recovery key down and keep it somewhere safe, away from this computer. It opens the project if the passphrase is forgotten. It is shown only now.</source>
        <translation>Write this recovery key down and keep it somewhere safe, away from this computer. It opens the project if the passphrase is forgotten. It is shown only now.</translation>
    </message>
    <message>
        <source>{0} is encrypted. Type its passphrase (or its recovery key) to open it.</source>
        <translation>{0} is encrypted. Type its passphrase (or its recovery key) to open it.</translation>
    </message>
</context>
</TS>
