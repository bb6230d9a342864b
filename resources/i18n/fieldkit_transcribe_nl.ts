<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Transcribe…</source>
        <translation>Transcriberen…</translation>
    </message>
    <message>
        <source>multilingual</source>
        <translation>meertalig</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>alleen Engels</translation>
    </message>
    <message>
        <source>{0} — {1}, {2} MB ({3})</source>
        <translation>{0} — {1}, {2} MB ({3})</translation>
    </message>
    <message>
        <source>installed package</source>
        <translation>geïnstalleerd pakket</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face-cache</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>map</translation>
    </message>
    <message>
        <source>Speech models</source>
        <translation>Spraakmodellen</translation>
    </message>
    <message>
        <source>Recognise it</source>
        <translation>Laten herkennen</translation>
    </message>
    <message>
        <source>Dutch (nl)</source>
        <translation>Nederlands (nl)</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>Engels (en)</translation>
    </message>
    <message>
        <source>Language spoken</source>
        <translation>Gesproken taal</translation>
    </message>
    <message>
        <source>Choose a model folder…</source>
        <translation>Een modelmap kiezen…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Een modelmap kiezen</translation>
    </message>
    <message>
        <source>Nothing is downloaded and no sound leaves this computer. For Dutch you need a multilingual model, once: download a CTranslate2 Whisper model folder (e.g. faster-whisper-small, about 480 MB, from huggingface.co/Systran) and put it in {0}, or choose its folder here.</source>
        <translation>Er wordt niets gedownload en geen geluid verlaat deze computer. Voor Nederlands is eenmalig een meertalig model nodig: download een CTranslate2-Whisper-modelmap (bijv. faster-whisper-small, ongeveer 480 MB, van huggingface.co/Systran) en zet die in {0}, of kies hier de map.</translation>
    </message>
    <message>
        <source>Speech models found on this computer:</source>
        <translation>Spraakmodellen op deze computer:</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transcriberen</translation>
    </message>
    <message>
        <source>Speech recognition is not installed: pip install 'fieldkit[transcribe]' (about 250 MB).</source>
        <translation>Spraakherkenning is niet geïnstalleerd: pip install 'fieldkit[transcribe]' (ongeveer 250 MB).</translation>
    </message>
    <message>
        <source>No speech model found yet (see below).</source>
        <translation>Nog geen spraakmodel gevonden (zie hieronder).</translation>
    </message>
    <message>
        <source>This model knows English only; for Dutch choose a multilingual one.</source>
        <translation>Dit model kent alleen Engels; kies voor Nederlands een meertalig model.</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Bezig met transcriberen</translation>
    </message>
    <message>
        <source>Transcribed {0}.</source>
        <translation>{0} getranscribeerd.</translation>
    </message>
    <message>
        <source>Loading the speech model</source>
        <translation>Het spraakmodel laden</translation>
    </message>
    <message>
        <source>{0} of {1}, about {2} left</source>
        <translation>{0} van {1}, nog ongeveer {2}</translation>
    </message>
</context>
</TS>
