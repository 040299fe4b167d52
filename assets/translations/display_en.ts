<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>Board</name>
    <message>
        <location filename="../../display/wording.py" line="13"/>
        <source>Nomor antrean</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="17"/>
        <location filename="../../display/wording.py" line="69"/>
        <source>Dipanggil</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="21"/>
        <source>Panggilan ulang</source>
        <translation>Called again</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="25"/>
        <source>Prioritas</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="29"/>
        <source>Silakan menuju</source>
        <translation>Please go to</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="33"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="37"/>
        <source>Layanan loket</source>
        <translation>Counters</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="41"/>
        <source>Panggilan sebelumnya</source>
        <translation>Previous calls</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="45"/>
        <source>Belum ada panggilan</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="49"/>
        <source>Nomor yang dipanggil tampil di sini</source>
        <translation>Called numbers appear here</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="73"/>
        <source>Menunggu panggilan</source>
        <translation>Ready to call</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="77"/>
        <source>Sedang istirahat</source>
        <translation>On a break</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="81"/>
        <source>Loket tutup</source>
        <translation>Counter closed</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="85"/>
        <source>Koneksi ke server antrean terputus. Menyambung kembali…</source>
        <translation>Lost the connection to the queue server. Reconnecting…</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="91"/>
        <source>Menghubungkan ke server antrean…</source>
        <translation>Connecting to the queue server…</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="95"/>
        <source>Area: %1</source>
        <translation>Area: %1</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="99"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../display/wording.py" line="103"/>
        <source>Papan antrean</source>
        <translation>Queue board</translation>
    </message>
</context>
</TS>
