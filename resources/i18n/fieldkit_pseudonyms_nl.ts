<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Names left in the export</source>
        <translation>Namen in de export</translation>
    </message>
    <message>
        <source>These names are still in {0}: {1}. They were not replaced (written in lower case, too short, or not known as a name); check the document before sharing it.</source>
        <translation>Deze namen staan nog in {0}: {1}. Ze zijn niet vervangen (in kleine letters geschreven, te kort of niet als naam bekend); controleer het document voordat u het deelt.</translation>
    </message>
    <message>
        <source>This project keeps participants' real names: without pseudonyms they go into the export as they are.</source>
        <translation>Dit project bewaart de echte namen van deelnemers: zonder pseudoniemen komen ze ongewijzigd in de export.</translation>
    </message>
    <message>
        <source>The last export replaced other names ({0}); this one replaces none.</source>
        <translation>De vorige export verving andere namen ({0}); deze vervangt er geen.</translation>
    </message>
    <message>
        <source>Where: {0}.</source>
        <translation>Waar: {0}.</translation>
    </message>
</context>
</TS>
