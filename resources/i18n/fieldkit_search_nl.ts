<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>No {name} matches {shown}, so nothing was found.</source>
        <translation>Geen {name} komt overeen met {shown}, dus er is niets gevonden.</translation>
    </message>
    <message>
        <source>site</source>
        <translation>locatie</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>spreker</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>document set</source>
        <translation>documentenset</translation>
    </message>
    <message>
        <source>{first} or {rest}</source>
        <translation>{first} of {rest}</translation>
    </message>
    <message>
        <source>{first} and {rest}</source>
        <translation>{first} en {rest}</translation>
    </message>
    <message>
        <source>{problem} Nothing was found.</source>
        <translation>{problem} Er is niets gevonden.</translation>
    </message>
    <message>
        <source>No document satisfies {shown}, so nothing was found.</source>
        <translation>Geen document voldoet aan {shown}, dus er is niets gevonden.</translation>
    </message>
    <message>
        <source>fieldkit could not read it as a query</source>
        <translation>fieldkit kon het niet als zoekvraag lezen</translation>
    </message>
    <message>
        <source>Searched for the plain words {shown}: {reason}.</source>
        <translation>Gezocht naar de losse woorden {shown}: {reason}.</translation>
    </message>
    <message>
        <source>There were no words to search for ({reason}).</source>
        <translation>Er waren geen woorden om naar te zoeken ({reason}).</translation>
    </message>
    <message>
        <source>A search needs at least one word to look for, not only words to leave out.</source>
        <translation>Een zoekvraag heeft minstens één woord nodig om naar te zoeken, niet alleen woorden om weg te laten.</translation>
    </message>
    <message>
        <source>'{value}' is not a kind ({kinds}); the kind filter was left out.</source>
        <translation>'{value}' is geen soort ({kinds}); het filter kind: is weggelaten.</translation>
    </message>
    <message>
        <source>'{value}' is not a date (YYYY-MM-DD); the {name}: filter was left out.</source>
        <translation>'{value}' is geen datum (JJJJ-MM-DD); het filter {name}: is weggelaten.</translation>
    </message>
    <message>
        <source>the query is nested too deeply</source>
        <translation>de zoekvraag is te diep genest</translation>
    </message>
    <message>
        <source>a quotation mark is not closed</source>
        <translation>een aanhalingsteken is niet gesloten</translation>
    </message>
    <message>
        <source>a '/' (a regular expression) is not closed</source>
        <translation>een '/' (een reguliere expressie) is niet gesloten</translation>
    </message>
    <message>
        <source>a '-' stands on its own</source>
        <translation>een '-' staat los</translation>
    </message>
    <message>
        <source>NEAR( is not closed</source>
        <translation>NEAR( is niet gesloten</translation>
    </message>
    <message>
        <source>there is no filter '{name}:'</source>
        <translation>er is geen filter '{name}:'</translation>
    </message>
    <message>
        <source>'{name}:' needs a value</source>
        <translation>'{name}:' heeft een waarde nodig</translation>
    </message>
    <message>
        <source>a '*' stands on its own</source>
        <translation>een '*' staat los</translation>
    </message>
    <message>
        <source>'{word}~' is not one word (a fuzzy term is one word)</source>
        <translation>'{word}~' is niet één woord (een vage term is één woord)</translation>
    </message>
    <message>
        <source>'{word}~{edits}' allows too many edits (~1 or ~2)</source>
        <translation>'{word}~{edits}' staat te veel wijzigingen toe (~1 of ~2)</translation>
    </message>
    <message>
        <source>the distance in NEAR(…, N) must be a number</source>
        <translation>de afstand in NEAR(…, N) moet een getal zijn</translation>
    </message>
    <message>
        <source>NEAR( ) takes two or more words or phrases</source>
        <translation>NEAR( ) neemt twee of meer woorden of woordgroepen</translation>
    </message>
    <message>
        <source>a group holds only words to leave out</source>
        <translation>een groep bevat alleen woorden om weg te laten</translation>
    </message>
    <message>
        <source>OR needs something on both sides</source>
        <translation>OR heeft aan beide kanten iets nodig</translation>
    </message>
    <message>
        <source>OR cannot join words to leave out</source>
        <translation>OR kan geen woorden om weg te laten verbinden</translation>
    </message>
    <message>
        <source>a regular expression cannot stand in an OR</source>
        <translation>een reguliere expressie kan niet in een OR staan</translation>
    </message>
    <message>
        <source>a regular expression cannot be left out or stand in brackets</source>
        <translation>een reguliere expressie kan niet worden weggelaten of tussen haakjes staan</translation>
    </message>
    <message>
        <source>'{word}' needs a word after it</source>
        <translation>'{word}' heeft een woord erna nodig</translation>
    </message>
    <message>
        <source>filters cannot be excluded</source>
        <translation>filters kunnen niet worden uitgesloten</translation>
    </message>
    <message>
        <source>a bracket is not closed</source>
        <translation>een haakje is niet gesloten</translation>
    </message>
    <message>
        <source>a closing bracket has no opening one</source>
        <translation>een sluithaakje heeft geen openingshaakje</translation>
    </message>
</context>
</TS>
