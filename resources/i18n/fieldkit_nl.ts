<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Move code</source>
        <translation>Code verplaatsen</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>Coderingen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Toets</translation>
    </message>
    <message>
        <source>Find a code…</source>
        <translation>Zoek een code…</translation>
    </message>
    <message>
        <source>New code…</source>
        <translation>Nieuwe code…</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Nieuwe code</translation>
    </message>
    <message>
        <source>Name of the new code:</source>
        <translation>Naam van de nieuwe code:</translation>
    </message>
    <message>
        <source>Colour of the code</source>
        <translation>Kleur van de code</translation>
    </message>
    <message>
        <source>Merge code</source>
        <translation>Code samenvoegen</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Codeboek</translation>
    </message>
    <message>
        <source>A code cannot be merged into itself or one of its sub-codes.</source>
        <translation>Een code kan niet worden samengevoegd met zichzelf of een van zijn subcodes.</translation>
    </message>
    <message>
        <source>Merge {0} into {1}</source>
        <translation>{0} samenvoegen met {1}</translation>
    </message>
    <message>
        <source>Select a code to see its definition.</source>
        <translation>Kies een code om de definitie te zien.</translation>
    </message>
    <message>
        <source>New sub-code…</source>
        <translation>Nieuwe subcode…</translation>
    </message>
    <message>
        <source>Apply to selection</source>
        <translation>Toepassen op selectie</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Hernoemen…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Kleur…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Samenvoegen met…</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Sneltoets</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Geen</translation>
    </message>
    <message>
        <source>Show only this code</source>
        <translation>Alleen deze code tonen</translation>
    </message>
    <message>
        <source>Show all codes</source>
        <translation>Alle codes tonen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message>
        <source>You can undo this.</source>
        <translation>Je kunt dit ongedaan maken.</translation>
    </message>
    <message>
        <source>Delete code</source>
        <translation>Code verwijderen</translation>
    </message>
    <message>
        <source>Move all codings of '{0}' into:</source>
        <translation>Alle coderingen van '{0}' verplaatsen naar:</translation>
    </message>
    <message>
        <source>Code the selection with…</source>
        <translation>Codeer de selectie met…</translation>
    </message>
    <message>
        <source>Coding memo</source>
        <translation>Memo bij codering</translation>
    </message>
    <message>
        <source>Code this part of the photo with…</source>
        <translation>Codeer dit deel van de foto met…</translation>
    </message>
    <message>
        <source>Open a document and select some text first.</source>
        <translation>Open eerst een document en selecteer tekst.</translation>
    </message>
    <message>
        <source>Select some text first.</source>
        <translation>Selecteer eerst tekst.</translation>
    </message>
    <message>
        <source>Coding all hits</source>
        <translation>Alle treffers coderen</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Coderen</translation>
    </message>
    <message>
        <source>Coded with {0}.</source>
        <translation>Gecodeerd met {0}.</translation>
    </message>
    <message>
        <source>Memo for this coding of {0}:</source>
        <translation>Memo bij deze codering met {0}:</translation>
    </message>
    <message>
        <source>Coding hits</source>
        <translation>Treffers coderen</translation>
    </message>
    <message>
        <source>Code every hit of “{0}” with…</source>
        <translation>Codeer elke treffer van “{0}” met…</translation>
    </message>
    <message>
        <source>Code with {0}</source>
        <translation>Coderen met {0}</translation>
    </message>
    <message>
        <source>In vivo code {0}</source>
        <translation>In-vivocode {0}</translation>
    </message>
    <message>
        <source>Code photo region with {0}</source>
        <translation>Fotogebied coderen met {0}</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Bestanden importeren</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Bestanden toevoegen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Weghalen</translation>
    </message>
    <message>
        <source>Visit on</source>
        <translation>Bezoek op</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Bestanden toevoegen</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Materiaal</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Open a document from the Material list on the left, or press F9 for a quick note.</source>
        <translation>Open een document uit de lijst Materiaal links, of druk op F9 voor een snelle notitie.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Coding</source>
        <translation>&amp;Coderen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>Show codings &amp;by</source>
        <translation>Coderingen tonen &amp;van</translation>
    </message>
    <message>
        <source>Every coder</source>
        <translation>Alle codeurs</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Open a fieldkit project folder</source>
        <translation>Open een fieldkit-projectmap</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nieuw project</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Codeur</translation>
    </message>
    <message>
        <source>Your name as coder:</source>
        <translation>Je naam als codeur:</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>Checking the project</source>
        <translation>Project controleren</translation>
    </message>
    <message>
        <source>About fieldkit</source>
        <translation>Over fieldkit</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Systeemtaal volgen</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Niets om ongedaan te maken.</translation>
    </message>
    <message>
        <source>Nothing to redo.</source>
        <translation>Niets om opnieuw te doen.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Opnie&amp;uw</translation>
    </message>
    <message>
        <source>This export is not available yet.</source>
        <translation>Deze export is nog niet beschikbaar.</translation>
    </message>
    <message>
        <source>Suggested codings</source>
        <translation>Voorgestelde coderingen</translation>
    </message>
    <message>
        <source>Insert the time (quick note)</source>
        <translation>Tijd invoegen (snelle notitie)</translation>
    </message>
    <message>
        <source>Qualitative field research on the shop floor.</source>
        <translation>Kwalitatief veldonderzoek op de werkvloer.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Project openen</translation>
    </message>
    <message>
        <source>No code has the shortcut {0}.</source>
        <translation>Geen code heeft sneltoets {0}.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controle</translation>
    </message>
    <message>
        <source>All is well.</source>
        <translation>Alles in orde.</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Overeenstemming</translation>
    </message>
    <message>
        <source>Not available in this version.</source>
        <translation>Niet beschikbaar in deze versie.</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggesties</translation>
    </message>
    <message>
        <source>Coder: {0}</source>
        <translation>Codeur: {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Ongedaan gemaakt: {0}</translation>
    </message>
    <message>
        <source>Redone: {0}</source>
        <translation>Opnieuw gedaan: {0}</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Ongedaan maken: {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>Opnie&amp;uw: {0}</translation>
    </message>
    <message>
        <source>Last change: {0}</source>
        <translation>Laatste wijziging: {0}</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>Geëxporteerd naar {0}.</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>tekens</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Locaties</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Deelnemers</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>By site</source>
        <translation>Per locatie</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>Alle documenten</translation>
    </message>
    <message>
        <source>Filter documents…</source>
        <translation>Documenten filteren…</translation>
    </message>
    <message>
        <source>(no site)</source>
        <translation>(geen locatie)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Bezoek</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Jot down what you see. Ctrl+T inserts the time.</source>
        <translation>Noteer wat je ziet. Ctrl+T voegt de tijd in.</translation>
    </message>
    <message>
        <source>Insert time (Ctrl+T)</source>
        <translation>Tijd invoegen (Ctrl+T)</translation>
    </message>
    <message>
        <source>Attach photos…</source>
        <translation>Foto's toevoegen…</translation>
    </message>
    <message>
        <source>Photos from a folder or camera card…</source>
        <translation>Foto's uit een map of geheugenkaart…</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <source>Fieldnote</source>
        <translation>Veldnotitie</translation>
    </message>
    <message>
        <source>Attach photos</source>
        <translation>Foto's toevoegen</translation>
    </message>
    <message>
        <source>Folder with photos</source>
        <translation>Map met foto's</translation>
    </message>
    <message>
        <source>Unsorted</source>
        <translation>Ongesorteerd</translation>
    </message>
    <message>
        <source>Attaching photos</source>
        <translation>Foto's toevoegen</translation>
    </message>
    <message>
        <source>Quick note</source>
        <translation>Snelle notitie</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Opgeslagen.</translation>
    </message>
    <message>
        <source>(caption)</source>
        <translation>(bijschrift)</translation>
    </message>
    <message>
        <source>Saved at {0}.</source>
        <translation>Opgeslagen om {0}.</translation>
    </message>
    <message>
        <source>There are no photos in that folder.</source>
        <translation>Er staan geen foto's in die map.</translation>
    </message>
    <message>
        <source>Fieldnote {0}</source>
        <translation>Veldnotitie {0}</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>foto</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>{0} bewerken</translation>
    </message>
    <message>
        <source>Type to find a code; Enter applies it</source>
        <translation>Typ om een code te zoeken; Enter past hem toe</translation>
    </message>
    <message>
        <source>New code “{0}”</source>
        <translation>Nieuwe code “{0}”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Geannuleerd; er is niets veranderd.</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>Er ging iets mis: {0}</translation>
    </message>
    <message>
        <source>Search, e.g.  "learning by doing"  OR  mistake*  speaker:operator</source>
        <translation>Zoek, bijv.  "al doende leren"  OR  fout*  speaker:operator</translation>
    </message>
    <message>
        <source>How to write a query</source>
        <translation>Zo schrijf je een zoekvraag</translation>
    </message>
    <message>
        <source>Code all hits…</source>
        <translation>Alle treffers coderen…</translation>
    </message>
    <message>
        <source>(first {0} shown)</source>
        <translation>(eerste {0} getoond)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>Code selection…</source>
        <translation>Selectie coderen…</translation>
    </message>
    <message>
        <source>Code in vivo</source>
        <translation>In vivo coderen</translation>
    </message>
    <message>
        <source>Remove coding: {0}</source>
        <translation>Codering weghalen: {0}</translation>
    </message>
    <message>
        <source>Memo for coding: {0}…</source>
        <translation>Memo bij codering: {0}…</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Nieuw project…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Project &amp;openen…</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>Bestanden &amp;importeren…</translation>
    </message>
    <message>
        <source>Quic&amp;k note</source>
        <translation>&amp;Snelle notitie</translation>
    </message>
    <message>
        <source>&amp;Close document</source>
        <translation>&amp;Document sluiten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Quick code…</source>
        <translation>&amp;Snel coderen…</translation>
    </message>
    <message>
        <source>&amp;Repeat last code</source>
        <translation>Laatste code &amp;herhalen</translation>
    </message>
    <message>
        <source>Code &amp;in vivo</source>
        <translation>&amp;In vivo coderen</translation>
    </message>
    <message>
        <source>&amp;New code…</source>
        <translation>&amp;Nieuwe code…</translation>
    </message>
    <message>
        <source>&amp;Find a code</source>
        <translation>Code &amp;zoeken</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>Volgend document</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>Vorig document</translation>
    </message>
    <message>
        <source>Show &amp;all codes</source>
        <translation>&amp;Alle codes tonen</translation>
    </message>
    <message>
        <source>Set &amp;coder name…</source>
        <translation>&amp;Codeursnaam instellen…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>How to write a &amp;query</source>
        <translation>Zo schrijf je een &amp;zoekvraag</translation>
    </message>
    <message>
        <source>&amp;About fieldkit</source>
        <translation>&amp;Over fieldkit</translation>
    </message>
    <message>
        <source>C&amp;oder agreement…</source>
        <translation>&amp;Overeenstemming tussen codeurs…</translation>
    </message>
    <message>
        <source>Su&amp;ggested codings…</source>
        <translation>&amp;Voorgestelde coderingen…</translation>
    </message>
    <message>
        <source>Coded segments as &amp;Word (.docx)…</source>
        <translation>Gecodeerde fragmenten als &amp;Word (.docx)…</translation>
    </message>
    <message>
        <source>Tables as &amp;Excel (.xlsx)…</source>
        <translation>Tabellen als &amp;Excel (.xlsx)…</translation>
    </message>
    <message>
        <source>Project as &amp;REFI-QDA (.qdpx)…</source>
        <translation>Project als &amp;REFI-QDA (.qdpx)…</translation>
    </message>
    <message>
        <source>C&amp;heck the project</source>
        <translation>Project &amp;controleren</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>ESM answer</source>
        <translation>ESM-antwoord</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Deelnemer</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definitie</translation>
    </message>
    <message>
        <source>Use when</source>
        <translation>Gebruik als</translation>
    </message>
    <message>
        <source>Not when</source>
        <translation>Niet als</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Ervoor</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Erna</translation>
    </message>
    <message>
        <source>the words found</source>
        <translation>de gevonden woorden</translation>
    </message>
    <message>
        <source>the whole turn</source>
        <translation>de hele beurt</translation>
    </message>
    <message>
        <source>the whole paragraph</source>
        <translation>de hele alinea</translation>
    </message>
    <message>
        <source>Recognise automatically</source>
        <translation>Automatisch herkennen</translation>
    </message>
    <message>
        <source>ESM answers</source>
        <translation>ESM-antwoorden</translation>
    </message>
    <message>
        <source>Other text</source>
        <translation>Andere tekst</translation>
    </message>
    <message>
        <source>In vivo</source>
        <translation>In vivo</translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln woord</numerusform>
            <numerusform>%Ln woorden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s)</source>
        <translation>
            <numerusform>%Ln codering</numerusform>
            <numerusform>%Ln coderingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln coding(s), {0} on the picture</source>
        <translation>
            <numerusform>%Ln codering, {0} op de foto</numerusform>
            <numerusform>%Ln coderingen, {0} op de foto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete '{0}'? %Ln coding(s) will go.</source>
        <translation>
            <numerusform>'{0}' verwijderen? %Ln codering verdwijnt.</numerusform>
            <numerusform>'{0}' verwijderen? %Ln coderingen verdwijnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln sub-code(s) go too.</source>
        <translation>
            <numerusform>Ook de subcode verdwijnt.</numerusform>
            <numerusform>Ook de %Ln subcodes verdwijnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code with %Ln code(s)</source>
        <translation>
            <numerusform>Coderen met %Ln code</numerusform>
            <numerusform>Coderen met %Ln codes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Coded %Ln hit(s) with {0}.</source>
        <translation>
            <numerusform>%Ln treffer gecodeerd met {0}.</numerusform>
            <numerusform>%Ln treffers gecodeerd met {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln document(s).</source>
        <translation>
            <numerusform>%Ln document geïmporteerd.</numerusform>
            <numerusform>%Ln documenten geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln treffer</numerusform>
            <numerusform>%Ln treffers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learned from %Ln coding(s) by {0} ({1}).</source>
        <translation>
            <numerusform>Geleerd van %Ln codering door {0} ({1}).</numerusform>
            <numerusform>Geleerd van %Ln coderingen door {0} ({1}).</numerusform>
        </translation>
    </message>
    <message>
        <source>This photo has no caption yet.</source>
        <translation>Deze foto heeft nog geen bijschrift.</translation>
    </message>
    <message>
        <source>Drag a rectangle over part of the photo to code it.</source>
        <translation>Sleep een rechthoek over een deel van de foto om het te coderen.</translation>
    </message>
</context>
</TS>
