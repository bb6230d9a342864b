<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Recording</source>
        <translation>Recording</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Back 5 s</source>
        <translation>Back 5 s</translation>
    </message>
    <message>
        <source>Play from 5 seconds earlier</source>
        <translation>Play from 5 seconds earlier</translation>
    </message>
    <message>
        <source>Speed (the pitch stays the same)</source>
        <translation>Speed (the pitch stays the same)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Code selection</source>
        <translation>Code selection</translation>
    </message>
    <message>
        <source>Code the stretch selected on the waveform or in the transcript with the chosen code</source>
        <translation>Code the stretch selected on the waveform or in the transcript with the chosen code</translation>
    </message>
    <message>
        <source>Transcript offset</source>
        <translation>Transcript offset</translation>
    </message>
    <message>
        <source>Shift the transcript's times when it started later or earlier than the recording</source>
        <translation>Shift the transcript's times when it started later or earlier than the recording</translation>
    </message>
    <message>
        <source>Transcription mode</source>
        <translation>Transcription mode</translation>
    </message>
    <message>
        <source>F4: play or pause (rewinds a little), F8: insert the time, Ctrl+1…9: insert a speaker</source>
        <translation>F4: play or pause (rewinds a little), F8: insert the time, Ctrl+1…9: insert a speaker</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>Interviewer, Respondent</source>
        <translation>Interviewer, Respondent</translation>
    </message>
    <message>
        <source>Select a stretch on the waveform or in the transcript, and a code.</source>
        <translation>Select a stretch on the waveform or in the transcript, and a code.</translation>
    </message>
    <message>
        <source>Coded {0}–{1}.</source>
        <translation>Coded {0}–{1}.</translation>
    </message>
</context>
</TS>
