<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Recording</source>
        <translation>Opname</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Afspelen</translation>
    </message>
    <message>
        <source>Back 5 s</source>
        <translation>5 s terug</translation>
    </message>
    <message>
        <source>Play from 5 seconds earlier</source>
        <translation>Speel af vanaf 5 seconden eerder</translation>
    </message>
    <message>
        <source>Speed (the pitch stays the same)</source>
        <translation>Snelheid (de toonhoogte blijft gelijk)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Code selection</source>
        <translation>Codeer selectie</translation>
    </message>
    <message>
        <source>Code the stretch selected on the waveform or in the transcript with the chosen code</source>
        <translation>Codeer het stuk dat in de golfvorm of het transcript is geselecteerd met de gekozen code</translation>
    </message>
    <message>
        <source>Transcript offset</source>
        <translation>Verschuiving transcript</translation>
    </message>
    <message>
        <source>Shift the transcript's times when it started later or earlier than the recording</source>
        <translation>Verschuif de tijden van het transcript als het later of eerder begon dan de opname</translation>
    </message>
    <message>
        <source>Transcription mode</source>
        <translation>Transcriptiemodus</translation>
    </message>
    <message>
        <source>F4: play or pause (rewinds a little), F8: insert the time, Ctrl+1…9: insert a speaker</source>
        <translation>F4: afspelen of pauzeren (spoelt iets terug), F8: tijd invoegen, Ctrl+1…9: spreker invoegen</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Sprekers</translation>
    </message>
    <message>
        <source>Interviewer, Respondent</source>
        <translation>Interviewer, Respondent</translation>
    </message>
    <message>
        <source>Select a stretch on the waveform or in the transcript, and a code.</source>
        <translation>Selecteer een stuk in de golfvorm of het transcript, en een code.</translation>
    </message>
    <message>
        <source>Coded {0}–{1}.</source>
        <translation>{0}–{1} gecodeerd.</translation>
    </message>
</context>
</TS>
