<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id_ID">
<context>
    <name>SharedWording</name>
    <message>
        <location filename="../../ui/wording.py" line="19"/>
        <source>Lansia</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="20"/>
        <source>Penyandang disabilitas</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="21"/>
        <source>Ibu hamil / membawa anak</source>
        <translation>Pregnant / with a small child</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="24"/>
        <source>Dipanggil</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="25"/>
        <source>Sedang dilayani</source>
        <translation>Being served</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="26"/>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="27"/>
        <source>Ditunda</source>
        <translation>Parked</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="30"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="31"/>
        <source>Istirahat</source>
        <translation>On break</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="32"/>
        <source>Tutup</source>
        <translation>Closed</translation>
    </message>
</context>
</TS>
