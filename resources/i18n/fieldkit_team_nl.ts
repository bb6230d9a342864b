<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message numerus="yes">
        <source>%Ln to send</source>
        <translation>
            <numerusform>%Ln te versturen</numerusform>
            <numerusform>%Ln te versturen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Team…</translation>
    </message>
    <message>
        <source>'{0}' is being edited by {1} ({2}) until {3}. You can edit it after that, or when they close it.</source>
        <translation>'{0}' wordt tot {3} bewerkt door {1} ({2}). Daarna, of als die het sluit, kun je het bewerken.</translation>
    </message>
    <message>
        <source>A new folder for your copy of the study</source>
        <translation>Een nieuwe map voor jouw kopie van het onderzoek</translation>
    </message>
    <message>
        <source>A sync is under way; another follows it.</source>
        <translation>Er loopt al een synchronisatie; er volgt er nog een.</translation>
    </message>
    <message>
        <source>A team works on one study from several computers: each member keeps a normal project on their own computer, works offline as usual, and syncs with the team's PostgreSQL server.</source>
        <translation>Een team werkt vanaf meerdere computers aan één onderzoek: elk lid heeft een gewoon project op de eigen computer, werkt zoals altijd ook offline, en synchroniseert met de PostgreSQL-server van het team.</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Lid toevoegen</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>Lid toevoegen…</translation>
    </message>
    <message>
        <source>Adding a member</source>
        <translation>Lid toevoegen</translation>
    </message>
    <message>
        <source>Asking the team server…</source>
        <translation>De teamserver wordt gevraagd…</translation>
    </message>
    <message>
        <source>Blind sets</source>
        <translation>Blinde sets</translation>
    </message>
    <message>
        <source>Change sets</source>
        <translation>Wijzigingen</translation>
    </message>
    <message>
        <source>Choose a blind set in the list first.</source>
        <translation>Kies eerst een blinde set in de lijst.</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>codeur</translation>
    </message>
    <message>
        <source>Document set:</source>
        <translation>Documentenset:</translation>
    </message>
    <message>
        <source>Each member logs in to the team server as their own user.</source>
        <translation>Elk lid logt op de teamserver in als eigen gebruiker.</translation>
    </message>
    <message>
        <source>Editing a shared note's text needs its edit lock from the team server, and the server cannot be reached now. Codings can go on offline.</source>
        <translation>Om de tekst van een gedeelde notitie te bewerken is het bewerkslot van de teamserver nodig, en de server is nu niet bereikbaar. Coderen kan offline doorgaan.</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Aansluiten</translation>
    </message>
    <message>
        <source>Join a team</source>
        <translation>Aansluiten bij een team</translation>
    </message>
    <message>
        <source>Joining the team</source>
        <translation>Aansluiten bij het team</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Laatste wijziging</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Laatste fout</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Laatst gesynchroniseerd</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Laatst gesynchroniseerd: {0}</translation>
    </message>
    <message>
        <source>Make a document set blind</source>
        <translation>Een documentenset blind maken</translation>
    </message>
    <message>
        <source>Make a document set blind…</source>
        <translation>Een documentenset blind maken…</translation>
    </message>
    <message>
        <source>Makes a copy of the team's study in a new folder and opens it. The lead must have added you as a member.</source>
        <translation>Maakt een kopie van het onderzoek van het team in een nieuwe map en opent die. De teamleider moet je als lid hebben toegevoegd.</translation>
    </message>
    <message>
        <source>Making a set blind</source>
        <translation>Set blind maken</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Lid</translation>
    </message>
    <message>
        <source>Member (optional)</source>
        <translation>Lid (optioneel)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Nieuwe map</translation>
    </message>
    <message>
        <source>Not changed.</source>
        <translation>Niet gewijzigd.</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>nog niet</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Only if the server asks for one</source>
        <translation>Alleen als de server erom vraagt</translation>
    </message>
    <message>
        <source>Only the team lead can do this.</source>
        <translation>Alleen de teamleider kan dit doen.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Positie</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publiceren</translation>
    </message>
    <message>
        <source>Publish this project</source>
        <translation>Dit project publiceren</translation>
    </message>
    <message>
        <source>Publishing to the team server</source>
        <translation>Publiceren op de teamserver</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Wijzigingen ontvangen</translation>
    </message>
    <message>
        <source>Receiving media files</source>
        <translation>Mediabestanden ontvangen</translation>
    </message>
    <message>
        <source>Receiving the project</source>
        <translation>Het project ontvangen</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Vrijgeven</translation>
    </message>
    <message>
        <source>Release {0}</source>
        <translation>{0} vrijgeven</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Vrijgegeven</translation>
    </message>
    <message>
        <source>Releasing a blind set</source>
        <translation>Blinde set vrijgeven</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>Onthouden in de sleutelbos van het systeem</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynchroniseren</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>Wijzigingen versturen</translation>
    </message>
    <message>
        <source>Sending media files</source>
        <translation>Mediabestanden versturen</translation>
    </message>
    <message>
        <source>Sent the project</source>
        <translation>Het project is verstuurd</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Nu synchroniseren</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Gesynchroniseerd</translation>
    </message>
    <message>
        <source>Syncing with the team</source>
        <translation>Synchroniseren met het team</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>team lead</source>
        <translation>teamleider</translation>
    </message>
    <message>
        <source>Team server: {0}</source>
        <translation>Teamserver: {0}</translation>
    </message>
    <message>
        <source>Tell it to the member yourself</source>
        <translation>Geef het zelf door aan het lid</translation>
    </message>
    <message>
        <source>The members and blind sets come from the server: {0}</source>
        <translation>De leden en blinde sets komen van de server: {0}</translation>
    </message>
    <message>
        <source>The user in the URL</source>
        <translation>De gebruiker in de URL</translation>
    </message>
    <message>
        <source>There is no document set yet. Make one in the Material list: select documents and choose 'Add to document set…'.</source>
        <translation>Er is nog geen documentenset. Maak er een in de lijst Materiaal: selecteer documenten en kies 'Aan documentenset toevoegen…'.</translation>
    </message>
    <message>
        <source>There is no system keyring here: fieldkit uses your pgpass file, and a password typed here is kept only until fieldkit closes. It is never stored in the project.</source>
        <translation>Er is hier geen sleutelbos van het systeem: fieldkit gebruikt je pgpass-bestand, en een hier getypt wachtwoord wordt alleen bewaard tot fieldkit sluit. Het wordt nooit in het project opgeslagen.</translation>
    </message>
    <message>
        <source>This caption cannot be edited now</source>
        <translation>Dit bijschrift kan nu niet bewerkt worden</translation>
    </message>
    <message>
        <source>This copy of the study</source>
        <translation>Deze kopie van het onderzoek</translation>
    </message>
    <message>
        <source>This document is being coded blind; its text can be edited after the lead releases the set.</source>
        <translation>Dit document wordt blind gecodeerd; de tekst kan bewerkt worden nadat de teamleider de set vrijgeeft.</translation>
    </message>
    <message>
        <source>This note cannot be edited now</source>
        <translation>Deze notitie kan nu niet bewerkt worden</translation>
    </message>
    <message>
        <source>This project becomes the team's first state on the server. The user in the URL becomes the team lead, who adds the other members.</source>
        <translation>Dit project wordt de eerste stand van het team op de server. De gebruiker in de URL wordt teamleider en voegt de andere leden toe.</translation>
    </message>
    <message>
        <source>This project is not part of a team (File → Team…).</source>
        <translation>Dit project hoort niet bij een team (Bestand → Team…).</translation>
    </message>
    <message>
        <source>To send</source>
        <translation>Te versturen</translation>
    </message>
    <message>
        <source>Type the server's URL first.</source>
        <translation>Typ eerst de URL van de server.</translation>
    </message>
    <message>
        <source>Type the server's URL, your name as coder and a new folder first.</source>
        <translation>Typ eerst de URL van de server, je naam als codeur en een nieuwe map.</translation>
    </message>
    <message>
        <source>While a set of documents is blind, coders see only their own codings of it, until the lead releases it.</source>
        <translation>Zolang een documentenset blind is, zien codeurs alleen hun eigen coderingen ervan, tot de teamleider de set vrijgeeft.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Your name as coder</source>
        <translation>Je naam als codeur</translation>
    </message>
    <message>
        <source>{0} is blind now.</source>
        <translation>{0} is nu blind.</translation>
    </message>
    <message>
        <source>{0} is now a member of the team.</source>
        <translation>{0} is nu lid van het team.</translation>
    </message>
    <message>
        <source>{0} is released: everyone receives its codings at the next sync.</source>
        <translation>{0} is vrijgegeven: iedereen ontvangt de coderingen ervan bij de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>The team server {0} cannot be reached ({1}). Work done here stays here and is sent at the next sync.</source>
        <translation>De teamserver {0} is niet bereikbaar ({1}). Werk dat je hier doet blijft hier en wordt bij de volgende synchronisatie verstuurd.</translation>
    </message>
    <message>
        <source>Lost the connection to the team server ({0}). Work done here stays here and is sent at the next sync.</source>
        <translation>De verbinding met de teamserver is verbroken ({0}). Werk dat je hier doet blijft hier en wordt bij de volgende synchronisatie verstuurd.</translation>
    </message>
    <message>
        <source>The team server {0} did not accept the login ({1}). fieldkit never stores passwords: type it in File → Team…, or put it in your pgpass file or the system keyring.</source>
        <translation>De teamserver {0} accepteerde de aanmelding niet ({1}). fieldkit bewaart nooit wachtwoorden: typ het in Bestand → Team…, of zet het in je pgpass-bestand of de sleutelbos van het systeem.</translation>
    </message>
</context>
</TS>
