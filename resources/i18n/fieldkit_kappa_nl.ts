<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>fieldkit</name>
    <message>
        <source>Agreement % (pooled)</source>
        <translation>Overeenstemming % (gepoold)</translation>
    </message>
    <message>
        <source>Kappa (NVivo)</source>
        <translation>Kappa (NVivo)</translation>
    </message>
    <message>
        <source>Kappa (pooled)</source>
        <translation>Kappa (gepoold)</translation>
    </message>
    <message>
        <source>{coders}: NVivo kappa {nvivo} (per code × document, weighted by length; {uncoded} of {cells} cells nobody coded count as kappa 1 and raise it, {coded} without them); pooled: kappa {kappa}, {percent} % agreement; alpha {alpha}</source>
        <translation>{coders}: NVivo-kappa {nvivo} (per code × document, gewogen naar lengte; {uncoded} van {cells} cellen die niemand codeerde tellen als kappa 1 en verhogen hem, {coded} zonder die cellen); gepoold: kappa {kappa}, {percent} % overeenstemming; alfa {alpha}</translation>
    </message>
    <message>
        <source>{coders}: segments (MAXQDA, a pair counted once) {percent} % agree, Brennan–Prediger kappa {kappa}</source>
        <translation>{coders}: segmenten (MAXQDA, een paar telt één keer) {percent} % overeenstemming, Brennan–Prediger-kappa {kappa}</translation>
    </message>
</context>
</TS>
