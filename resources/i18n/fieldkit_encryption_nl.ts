<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Again</source>
        <translation>Nogmaals</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>&amp;Wachtwoordzin wijzigen…</translation>
    </message>
    <message>
        <source>Encry&amp;pt…</source>
        <translation>&amp;Versleutelen…</translation>
    </message>
    <message>
        <source>Encrypt the project</source>
        <translation>Het project versleutelen</translation>
    </message>
    <message>
        <source>Encrypt this project</source>
        <translation>Dit project versleutelen</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Versleuteld</translation>
    </message>
    <message>
        <source>Encrypted project</source>
        <translation>Versleuteld project</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Herstelsleutel</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Onthouden op deze computer</translation>
    </message>
    <message>
        <source>That passphrase does not open it; try again.</source>
        <translation>Met die wachtwoordzin gaat het niet open; probeer het opnieuw.</translation>
    </message>
    <message>
        <source>This project is encrypted, but the exported file will not be: keep it where your data-management plan says.</source>
        <translation>Dit project is versleuteld, maar het geëxporteerde bestand niet: bewaar het waar je datamanagementplan dat zegt.</translation>
    </message>
    <message>
        <source>Without the passphrase or the recovery key nobody can open the project, fieldkit included.</source>
        <translation>Zonder de wachtwoordzin of de herstelsleutel kan niemand het project openen, ook fieldkit niet.</translation>
    </message>
    <message>
        <source>Write this recovery key down and keep it somewhere safe, away from this computer. It opens the project if the passphrase is forgotten. It is shown only now.</source>
        <translation>Schrijf deze herstelsleutel op en bewaar hem op een veilige plek, niet bij deze computer. Hij opent het project als de wachtwoordzin vergeten is. Hij wordt alleen nu getoond.</translation>
    </message>
    <message>
        <source>{0} is encrypted. Type its passphrase (or its recovery key) to open it.</source>
        <translation>{0} is versleuteld. Typ de wachtwoordzin (of de herstelsleutel) om het te openen.</translation>
    </message>
</context>
</TS>
