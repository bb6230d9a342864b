<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Transcription mode: F4 plays or pauses (rewinds a little), F8 inserts the time, Ctrl+1…9 insert the speakers listed under Speakers (while this mode is on they do not code).</source>
        <translation>Transcriptiemodus: F4 speelt af of pauzeert (en spoelt iets terug), F8 voegt de tijd in, Ctrl+1…9 voegen de sprekers onder Sprekers in (zolang deze modus aan staat, coderen ze niet).</translation>
    </message>
    <message>
        <source>The names Ctrl+1…9 insert in transcription mode, separated by commas</source>
        <translation>De namen die Ctrl+1…9 in de transcriptiemodus invoegen, gescheiden door komma's</translation>
    </message>
</context>
</TS>
