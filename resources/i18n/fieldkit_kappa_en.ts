<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>fieldkit</name>
    <message>
        <source>Agreement % (pooled)</source>
        <translation>Agreement % (pooled)</translation>
    </message>
    <message>
        <source>Kappa (NVivo)</source>
        <translation>Kappa (NVivo)</translation>
    </message>
    <message>
        <source>Kappa (pooled)</source>
        <translation>Kappa (pooled)</translation>
    </message>
    <message>
        <source>{coders}: NVivo kappa {nvivo} (per code × document, weighted by length; {uncoded} of {cells} cells nobody coded count as kappa 1 and raise it, {coded} without them); pooled: kappa {kappa}, {percent} % agreement; alpha {alpha}</source>
        <translation>{coders}: NVivo kappa {nvivo} (per code × document, weighted by length; {uncoded} of {cells} cells nobody coded count as kappa 1 and raise it, {coded} without them); pooled: kappa {kappa}, {percent} % agreement; alpha {alpha}</translation>
    </message>
    <message>
        <source>{coders}: segments (MAXQDA, a pair counted once) {percent} % agree, Brennan–Prediger kappa {kappa}</source>
        <translation>{coders}: segments (MAXQDA, a pair counted once) {percent} % agree, Brennan–Prediger kappa {kappa}</translation>
    </message>
</context>
</TS>
