<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Last problem</source>
        <translation>Laatste probleem</translation>
    </message>
    <message>
        <source>Last problem ({0}): {1}</source>
        <translation>Laatste probleem ({0}): {1}</translation>
    </message>
    <message>
        <source>I am this coder (the study has my codings already)</source>
        <translation>Ik ben deze codeur (het onderzoek heeft mijn coderingen al)</translation>
    </message>
    <message>
        <source>Refused by the server: {0}</source>
        <translation>Geweigerd door de server: {0}</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>Niet toegepast: {0}</translation>
    </message>
    <message>
        <source>Replaced by a later change: {0}</source>
        <translation>Vervangen door een latere wijziging: {0}</translation>
    </message>
    <message>
        <source>Brought the team server's rules up to this fieldkit's (version {0} to {1}); every change set stays.</source>
        <translation>De regels van de teamserver zijn bijgewerkt naar die van deze fieldkit (versie {0} naar {1}); alle wijzigingen blijven bewaard.</translation>
    </message>
    <message>
        <source>The team server still runs older rules (version {0}, this fieldkit's are {1}): ask the team lead to sync.</source>
        <translation>De teamserver werkt nog met oudere regels (versie {0}, die van deze fieldkit zijn {1}): vraag de teamleider te synchroniseren.</translation>
    </message>
    <message>
        <source>The team server's rules (version {0}) are newer than this fieldkit's ({1}): update fieldkit; your changes were not sent (they stay here).</source>
        <translation>De regels van de teamserver (versie {0}) zijn nieuwer dan die van deze fieldkit ({1}): werk fieldkit bij; je wijzigingen zijn niet verstuurd (ze blijven hier bewaard).</translation>
    </message>
    <message>
        <source>The team's project already has a coder named '{0}', with their codings. Choose another name as coder, or tick 'I am this coder' if that is you.</source>
        <translation>Het project van het team heeft al een codeur '{0}', met diens coderingen. Kies een andere naam als codeur, of vink 'Ik ben deze codeur' aan als jij dat bent.</translation>
    </message>
    <message>
        <source>The project received from the team server does not match the fingerprint the server recorded for it (changed or incomplete); nothing was made. Try again, or ask the team lead to store a new one.</source>
        <translation>Het project dat van de teamserver kwam, past niet bij de vingerafdruk die de server ervan bewaarde (veranderd of onvolledig); er is niets gemaakt. Probeer het opnieuw, of vraag de teamleider een nieuw op te slaan.</translation>
    </message>
    <message>
        <source>The project received from the team server is not fieldkit's own ({0}); nothing was made and it was not opened.</source>
        <translation>Het project dat van de teamserver kwam, is niet zoals fieldkit het maakt ({0}); er is niets gemaakt en het is niet geopend.</translation>
    </message>
</context>
</TS>
