<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Transcription mode: F4 plays or pauses (rewinds a little), F8 inserts the time, Ctrl+1…9 insert the speakers listed under Speakers (while this mode is on they do not code).</source>
        <translation>Transcription mode: F4 plays or pauses (rewinds a little), F8 inserts the time, Ctrl+1…9 insert the speakers listed under Speakers (while this mode is on they do not code).</translation>
    </message>
    <message>
        <source>The names Ctrl+1…9 insert in transcription mode, separated by commas</source>
        <translation>The names Ctrl+1…9 insert in transcription mode, separated by commas</translation>
    </message>
</context>
</TS>
