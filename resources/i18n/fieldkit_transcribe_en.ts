<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Transcribe…</source>
        <translation>Transcribe…</translation>
    </message>
    <message>
        <source>multilingual</source>
        <translation>multilingual</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>English only</translation>
    </message>
    <message>
        <source>{0} — {1}, {2} MB ({3})</source>
        <translation>{0} — {1}, {2} MB ({3})</translation>
    </message>
    <message>
        <source>installed package</source>
        <translation>installed package</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face cache</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>Speech models</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <source>Recognise it</source>
        <translation>Recognise it</translation>
    </message>
    <message>
        <source>Dutch (nl)</source>
        <translation>Dutch (nl)</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>English (en)</translation>
    </message>
    <message>
        <source>Language spoken</source>
        <translation>Language spoken</translation>
    </message>
    <message>
        <source>Choose a model folder…</source>
        <translation>Choose a model folder…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Choose a model folder</translation>
    </message>
    <message>
        <source>Nothing is downloaded and no sound leaves this computer. For Dutch you need a multilingual model, once: download a CTranslate2 Whisper model folder (e.g. faster-whisper-small, about 480 MB, from huggingface.co/Systran) and put it in {0}, or choose its folder here.</source>
        <translation>Nothing is downloaded and no sound leaves this computer. For Dutch you need a multilingual model, once: download a CTranslate2 Whisper model folder (e.g. faster-whisper-small, about 480 MB, from huggingface.co/Systran) and put it in {0}, or choose its folder here.</translation>
    </message>
    <message>
        <source>Speech models found on this computer:</source>
        <translation>Speech models found on this computer:</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transcribe</translation>
    </message>
    <message>
        <source>Speech recognition is not installed: pip install 'fieldkit[transcribe]' (about 250 MB).</source>
        <translation>Speech recognition is not installed: pip install 'fieldkit[transcribe]' (about 250 MB).</translation>
    </message>
    <message>
        <source>No speech model found yet (see below).</source>
        <translation>No speech model found yet (see below).</translation>
    </message>
    <message>
        <source>This model knows English only; for Dutch choose a multilingual one.</source>
        <translation>This model knows English only; for Dutch choose a multilingual one.</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transcribing</translation>
    </message>
    <message>
        <source>Transcribed {0}.</source>
        <translation>Transcribed {0}.</translation>
    </message>
    <message>
        <source>Loading the speech model</source>
        <translation>Loading the speech model</translation>
    </message>
    <message>
        <source>{0} of {1}, about {2} left</source>
        <translation>{0} of {1}, about {2} left</translation>
    </message>
</context>
</TS>
