<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Compare with</source>
        <translation>Vergelijk met</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Niets</translation>
    </message>
    <message>
        <source>the rest</source>
        <translation>de rest</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>Log-likelihood</translation>
    </message>
    <message>
        <source>More in</source>
        <translation>Meer in</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Every speaker</source>
        <translation>Elke spreker</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Vormen</translation>
    </message>
    <message>
        <source>Most frequent words</source>
        <translation>Meest gebruikte woorden</translation>
    </message>
    <message>
        <source>Share of documents</source>
        <translation>Aandeel van de documenten</translation>
    </message>
    <message>
        <source>Shortest</source>
        <translation>Kortste</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <source>Whole texts</source>
        <translation>Hele teksten</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Woord</translation>
    </message>
    <message>
        <source>Word cloud…</source>
        <translation>Woordwolk…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln different word(s)</source>
        <translation>
            <numerusform>%Ln verschillend woord</numerusform>
            <numerusform>%Ln verschillende woorden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documenten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) counted</source>
        <translation>
            <numerusform>%Ln woord geteld</numerusform>
            <numerusform>%Ln woorden geteld</numerusform>
        </translation>
    </message>
    <message>
        <source>A&amp;uto-code…</source>
        <translation>A&amp;utomatisch coderen…</translation>
    </message>
    <message>
        <source>Auto-code</source>
        <translation>Automatisch coderen</translation>
    </message>
    <message>
        <source>Every turn of a speaker</source>
        <translation>Elke beurt van een spreker</translation>
    </message>
    <message>
        <source>Every match of a pattern</source>
        <translation>Elke treffer van een patroon</translation>
    </message>
    <message>
        <source>The answers under question headings</source>
        <translation>De antwoorden onder vraagkoppen</translation>
    </message>
    <message>
        <source>Every answer to an ESM question</source>
        <translation>Elk antwoord op een ESM-vraag</translation>
    </message>
    <message>
        <source>The match</source>
        <translation>De treffer</translation>
    </message>
    <message>
        <source>Its sentence</source>
        <translation>De zin</translation>
    </message>
    <message>
        <source>Its paragraph</source>
        <translation>De alinea</translation>
    </message>
    <message>
        <source>Its speaker turn</source>
        <translation>De spreekbeurt</translation>
    </message>
    <message>
        <source>Code as</source>
        <translation>Coderen als</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nieuw</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Reguliere expressie</translation>
    </message>
    <message>
        <source>Heading pattern (empty: numbered questions)</source>
        <translation>Patroon van de kop (leeg: genummerde vragen)</translation>
    </message>
    <message>
        <source>ESM question</source>
        <translation>ESM-vraag</translation>
    </message>
    <message>
        <source>Code…</source>
        <translation>Coderen…</translation>
    </message>
    <message>
        <source>Choose or type the code to code with.</source>
        <translation>Kies of typ de code om mee te coderen.</translation>
    </message>
    <message>
        <source>New codes: {0}.</source>
        <translation>Nieuwe codes: {0}.</translation>
    </message>
    <message>
        <source>Code all turns of {0}…</source>
        <translation>Alle beurten van {0} coderen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln segment(s) found</source>
        <translation>
            <numerusform>%Ln segment gevonden</numerusform>
            <numerusform>%Ln segmenten gevonden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not coded yet</source>
        <translation>
            <numerusform>%Ln nog niet gecodeerd</numerusform>
            <numerusform>%Ln nog niet gecodeerd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln segment(s)</source>
        <translation>
            <numerusform>%Ln segment coderen</numerusform>
            <numerusform>%Ln segmenten coderen</numerusform>
        </translation>
    </message>
</context>
</TS>
