<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en_GB">
<context>
    <name>fieldkit</name>
    <message>
        <source>&amp;Panes</source>
        <translation>&amp;Panelen</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>Indeling &amp;herstellen</translation>
    </message>
    <message>
        <source>(all codes)</source>
        <translation>(alle codes)</translation>
    </message>
    <message>
        <source>(all documents)</source>
        <translation>(alle documenten)</translation>
    </message>
    <message>
        <source>(top of the codebook)</source>
        <translation>(bovenaan het codeboek)</translation>
    </message>
    <message>
        <source>A slash makes levels: Work organisation/Canteen talk makes Canteen talk under Work organisation.</source>
        <translation>Een schuine streep maakt niveaus: Werkorganisatie/Kantinepraat maakt Kantinepraat onder Werkorganisatie.</translation>
    </message>
    <message>
        <source>Accept all shown</source>
        <translation>Alle getoonde accepteren</translation>
    </message>
    <message>
        <source>Accept suggestion {0}</source>
        <translation>Suggestie {0} accepteren</translation>
    </message>
    <message>
        <source>Accept {0} suggestions</source>
        <translation>{0} suggesties accepteren</translation>
    </message>
    <message>
        <source>Add case {0}</source>
        <translation>Case {0} toevoegen</translation>
    </message>
    <message>
        <source>Add code {0}</source>
        <translation>Code {0} toevoegen</translation>
    </message>
    <message>
        <source>Add coder {0}</source>
        <translation>Codeur {0} toevoegen</translation>
    </message>
    <message>
        <source>Add esm {0}</source>
        <translation>ESM-antwoorden {0} toevoegen</translation>
    </message>
    <message>
        <source>Add fieldnote {0}</source>
        <translation>Veldnotitie {0} toevoegen</translation>
    </message>
    <message>
        <source>Add media</source>
        <translation>Media toevoegen</translation>
    </message>
    <message>
        <source>Add memo {0}</source>
        <translation>Memo {0} toevoegen</translation>
    </message>
    <message>
        <source>Add participant {0}</source>
        <translation>Deelnemer {0} toevoegen</translation>
    </message>
    <message>
        <source>Add photo {0}</source>
        <translation>Foto {0} toevoegen</translation>
    </message>
    <message>
        <source>Add site {0}</source>
        <translation>Locatie {0} toevoegen</translation>
    </message>
    <message>
        <source>Add text {0}</source>
        <translation>Tekst {0} toevoegen</translation>
    </message>
    <message>
        <source>Add to case</source>
        <translation>Aan case toevoegen</translation>
    </message>
    <message>
        <source>Add transcript {0}</source>
        <translation>Transcript {0} toevoegen</translation>
    </message>
    <message>
        <source>Add visit {0}</source>
        <translation>Bezoek {0} toevoegen</translation>
    </message>
    <message>
        <source>Agreement %</source>
        <translation>Overeenstemming %</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alfa</translation>
    </message>
    <message>
        <source>Also code hits in memos</source>
        <translation>Ook treffers in memo’s coderen</translation>
    </message>
    <message>
        <source>Apply code</source>
        <translation>Code toepassen</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>Minstens</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Beide</translation>
    </message>
    <message>
        <source>Building tables</source>
        <translation>Tabellen opbouwen</translation>
    </message>
    <message>
        <source>Calibrated the confidences</source>
        <translation>Zekerheden gekalibreerd</translation>
    </message>
    <message>
        <source>Choose two or more coders and press Compute.</source>
        <translation>Kies twee of meer codeurs en druk op Berekenen.</translation>
    </message>
    <message>
        <source>Code all hits</source>
        <translation>Alle treffers coderen</translation>
    </message>
    <message>
        <source>Code the hits of “{0}” as {1}</source>
        <translation>Treffers van “{0}” coderen als {1}</translation>
    </message>
    <message>
        <source>Code the selected text with it: “{0}”</source>
        <translation>De geselecteerde tekst ermee coderen: “{0}”</translation>
    </message>
    <message>
        <source>Code with {0} codes</source>
        <translation>Coderen met {0} codes</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>Codeurs</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Berekenen</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Zekerheid</translation>
    </message>
    <message>
        <source>Delete saved search</source>
        <translation>Bewaarde zoekopdracht verwijderen</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0} verwijderen</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Verschillen</translation>
    </message>
    <message>
        <source>Disagreements: {code}</source>
        <translation>Verschillen: {code}</translation>
    </message>
    <message>
        <source>Document {0}</source>
        <translation>Document {0}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Edit code</source>
        <translation>Code bewerken</translation>
    </message>
    <message>
        <source>Edit coding</source>
        <translation>Codering bewerken</translation>
    </message>
    <message>
        <source>Edit document</source>
        <translation>Document bewerken</translation>
    </message>
    <message>
        <source>Every occurrence of “{0}” listed here will be coded with the code you choose next.</source>
        <translation>Elke vindplaats van “{0}” in deze lijst wordt gecodeerd met de code die u hierna kiest.</translation>
    </message>
    <message>
        <source>Gathered codings</source>
        <translation>Coderingen verzameld</translation>
    </message>
    <message>
        <source>Go to &amp;Material</source>
        <translation>Naar &amp;Materiaal</translation>
    </message>
    <message>
        <source>Go to the &amp;codebook</source>
        <translation>Naar het &amp;codeboek</translation>
    </message>
    <message>
        <source>Go to the &amp;document</source>
        <translation>Naar het &amp;document</translation>
    </message>
    <message>
        <source>Go to the search bo&amp;x</source>
        <translation>Naar het zoekva&amp;k</translation>
    </message>
    <message>
        <source>Import codebook {0}</source>
        <translation>Codeboek {0} importeren</translation>
    </message>
    <message>
        <source>Import {0}</source>
        <translation>{0} importeren</translation>
    </message>
    <message>
        <source>Import {0} documents</source>
        <translation>{0} documenten importeren</translation>
    </message>
    <message>
        <source>Indexing texts</source>
        <translation>Teksten indexeren</translation>
    </message>
    <message>
        <source>Intercoder agreement</source>
        <translation>Overeenstemming tussen codeurs</translation>
    </message>
    <message>
        <source>J/K next/previous · A accept · R reject · S skip</source>
        <translation>J/K volgende/vorige · A accepteren · R afwijzen · S overslaan</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>Kappa</translation>
    </message>
    <message>
        <source>Learn suggestions from the codings made so far (on this computer)</source>
        <translation>Suggesties leren van de coderingen tot nu toe (op deze computer)</translation>
    </message>
    <message>
        <source>Learned {0}</source>
        <translation>{0} geleerd</translation>
    </message>
    <message>
        <source>Learning suggestions</source>
        <translation>Suggesties leren</translation>
    </message>
    <message>
        <source>Like these coded segments:</source>
        <translation>Lijkt op deze gecodeerde fragmenten:</translation>
    </message>
    <message>
        <source>Makes the code: {0}</source>
        <translation>Maakt de code: {0}</translation>
    </message>
    <message>
        <source>Memo for coding: {0} by {1}…</source>
        <translation>Memo bij codering: {0} door {1}…</translation>
    </message>
    <message>
        <source>Merge code {0} into {1}</source>
        <translation>Code {0} samenvoegen met {1}</translation>
    </message>
    <message>
        <source>Merge {0}</source>
        <translation>{0} samenvoegen</translation>
    </message>
    <message>
        <source>Merging {0}</source>
        <translation>{0} samenvoegen</translation>
    </message>
    <message>
        <source>Name, or a path such as Learning/Peer help</source>
        <translation>Naam, of een pad zoals Leren/Hulp van collega’s</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Naam:</translation>
    </message>
    <message>
        <source>Neither</source>
        <translation>Geen van beide</translation>
    </message>
    <message>
        <source>New note {0}</source>
        <translation>Nieuwe notitie {0}</translation>
    </message>
    <message>
        <source>No model yet: press Train to learn from the codings made so far.</source>
        <translation>Nog geen model: druk op Trainen om te leren van de coderingen tot nu toe.</translation>
    </message>
    <message>
        <source>No segments with this code.</source>
        <translation>Geen fragmenten met deze code.</translation>
    </message>
    <message>
        <source>No shortcut (give it one in the context menu)</source>
        <translation>Geen sneltoets (geef er een via het contextmenu)</translation>
    </message>
    <message>
        <source>No suggestions for the uncoded text.</source>
        <translation>Geen suggesties voor de ongecodeerde tekst.</translation>
    </message>
    <message>
        <source>No suggestions for this document: its uncoded text looks like none of the codes.</source>
        <translation>Geen suggesties voor dit document: de ongecodeerde tekst lijkt op geen van de codes.</translation>
    </message>
    <message>
        <source>No suggestions yet: press Train to learn from the codings made so far. Nothing leaves this computer.</source>
        <translation>Nog geen suggesties: druk op Trainen om te leren van de coderingen tot nu toe. Niets verlaat deze computer.</translation>
    </message>
    <message>
        <source>None of these hits is in text that can be coded.</source>
        <translation>Geen van deze treffers staat in tekst die gecodeerd kan worden.</translation>
    </message>
    <message>
        <source>Only first</source>
        <translation>Alleen de eerste</translation>
    </message>
    <message>
        <source>Only second</source>
        <translation>Alleen de tweede</translation>
    </message>
    <message>
        <source>Only this coder coded:</source>
        <translation>Alleen deze codeur codeerde:</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
    <message>
        <source>Per code</source>
        <translation>Per code</translation>
    </message>
    <message>
        <source>Per code and document</source>
        <translation>Per code en document</translation>
    </message>
    <message>
        <source>Place under:</source>
        <translation>Plaatsen onder:</translation>
    </message>
    <message>
        <source>Read the codings</source>
        <translation>Coderingen gelezen</translation>
    </message>
    <message>
        <source>Read the uncoded sentences</source>
        <translation>Ongecodeerde zinnen gelezen</translation>
    </message>
    <message>
        <source>Read {0}</source>
        <translation>{0} gelezen</translation>
    </message>
    <message>
        <source>Reading codings</source>
        <translation>Coderingen lezen</translation>
    </message>
    <message>
        <source>Reading files</source>
        <translation>Bestanden lezen</translation>
    </message>
    <message>
        <source>Remove coding</source>
        <translation>Codering verwijderen</translation>
    </message>
    <message>
        <source>Remove coding: {0} by {1}</source>
        <translation>Codering verwijderen: {0} door {1}</translation>
    </message>
    <message>
        <source>Save search {0}</source>
        <translation>Zoekopdracht {0} bewaren</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Bewaard</translation>
    </message>
    <message>
        <source>Segment overlap</source>
        <translation>Overlap van fragmenten</translation>
    </message>
    <message>
        <source>Segment overlap (of the union) needed for a match</source>
        <translation>Overlap (van de vereniging) die nodig is voor een overeenkomst</translation>
    </message>
    <message>
        <source>Shortcut: {0} (change it in the context menu)</source>
        <translation>Sneltoets: {0} (te wijzigen via het contextmenu)</translation>
    </message>
    <message>
        <source>Showing the {0} most confident suggestions.</source>
        <translation>De {0} zekerste suggesties worden getoond.</translation>
    </message>
    <message>
        <source>Snap selections to whole &amp;words</source>
        <translation>Selecties uitbreiden tot hele &amp;woorden</translation>
    </message>
    <message>
        <source>Stored the codebook</source>
        <translation>Codeboek opgeslagen</translation>
    </message>
    <message>
        <source>Stored {0}</source>
        <translation>{0} opgeslagen</translation>
    </message>
    <message>
        <source>Storing documents</source>
        <translation>Documenten opslaan</translation>
    </message>
    <message>
        <source>Suggesting codes</source>
        <translation>Codes voorstellen</translation>
    </message>
    <message>
        <source>Suggesting codes for all documents</source>
        <translation>Codes voorstellen voor alle documenten</translation>
    </message>
    <message>
        <source>Suggesting codes for every document</source>
        <translation>Codes voorstellen voor elk document</translation>
    </message>
    <message>
        <source>Suggesting codes for {0}</source>
        <translation>Codes voorstellen voor {0}</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainen</translation>
    </message>
    <message>
        <source>Turned the text into features</source>
        <translation>Tekst omgezet in kenmerken</translation>
    </message>
    <message>
        <source>Writing the archive</source>
        <translation>Archief schrijven</translation>
    </message>
    <message>
        <source>best overlap</source>
        <translation>beste overlap</translation>
    </message>
    <message>
        <source>{0} of {1} texts</source>
        <translation>{0} van {1} teksten</translation>
    </message>
    <message>
        <source>{coders}: segments {percent} % matched, Brennan–Prediger kappa {kappa}</source>
        <translation>{coders}: {percent} % van de fragmenten overeen, Brennan–Prediger-kappa {kappa}</translation>
    </message>
    <message>
        <source>{coders}: {percent} % agreement, kappa {kappa}, alpha {alpha}</source>
        <translation>{coders}: {percent} % overeenstemming, kappa {kappa}, alfa {alpha}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln already had this code.</source>
        <translation>
            <numerusform>%Ln had deze code al.</numerusform>
            <numerusform>%Ln hadden deze code al.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suggestion(s) below the threshold of {0}: lower “At least” to see them.</source>
        <translation>
            <numerusform>%Ln suggestie onder de drempel van {0}: verlaag “Minstens” om hem te zien.</numerusform>
            <numerusform>%Ln suggesties onder de drempel van {0}: verlaag “Minstens” om ze te zien.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln in the codebook or memos, not codable)</source>
        <translation>
            <numerusform>(%Ln in het codeboek of memo’s, niet te coderen)</numerusform>
            <numerusform>(%Ln in het codeboek of memo’s, niet te coderen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln passage(s)</source>
        <translation>
            <numerusform>%Ln passage coderen</numerusform>
            <numerusform>%Ln passages coderen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %Ln passage(s)…</source>
        <translation>
            <numerusform>%Ln passage coderen…</numerusform>
            <numerusform>%Ln passages coderen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Coded %Ln passage(s) with {0}.</source>
        <translation>
            <numerusform>%Ln passage gecodeerd met {0}.</numerusform>
            <numerusform>%Ln passages gecodeerd met {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln document(s)…</source>
        <translation>
            <numerusform>in %Ln document…</numerusform>
            <numerusform>in %Ln documenten…</numerusform>
        </translation>
    </message>
</context>
</TS>
