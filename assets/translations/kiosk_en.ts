<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="232"/>
        <source>Pengaturan kiosk</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="234"/>
        <source>Nama kiosk</source>
        <translation>Kiosk name</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="235"/>
        <source>Gedung layanan</source>
        <translation>Service hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="236"/>
        <source>Basis data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="237"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="238"/>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="239"/>
        <source>Tiket di layar bila printer bermasalah</source>
        <translation>On-screen ticket when the printer fails</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="240"/>
        <source>Status printer</source>
        <translation>Printer status</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="241"/>
        <source>Pengambilan nomor</source>
        <translation>Ticketing</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="245"/>
        <source>BAHASA KIOSK</source>
        <translation>KIOSK LANGUAGE</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="246"/>
        <source>PRINTER TIKET</source>
        <translation>TICKET PRINTER</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="247"/>
        <source>Cetak tiket uji</source>
        <translation>Print a test ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="248"/>
        <source>Periksa printer</source>
        <translation>Check the printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="249"/>
        <source>Tutup menu</source>
        <translation>Close the menu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="250"/>
        <source>Keluar aplikasi</source>
        <translation>Quit the kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="259"/>
        <source>normal (dicetak)</source>
        <translation>normal (printed)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="260"/>
        <source>tiket ditampilkan di layar</source>
        <translation>tickets shown on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="261"/>
        <source>dihentikan sementara</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="269"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="269"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="283"/>
        <source>tanpa printer</source>
        <translation>no printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="285"/>
        <source>terhubung</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="286"/>
        <source>tidak terhubung</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="287"/>
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="290"/>
        <source>kertas cukup</source>
        <translation>paper OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="291"/>
        <source>kertas hampir habis</source>
        <translation>paper nearly out</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="292"/>
        <source>kertas habis</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="293"/>
        <source>kertas tidak diketahui</source>
        <translation>paper unknown</translation>
    </message>
</context>
<context>
    <name>BusyScreen</name>
    <message>
        <location filename="../../kiosk/screens/result.py" line="52"/>
        <source>Mohon tunggu sebentar</source>
        <translation>Please wait a moment</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="54"/>
        <source>Nomor antrean Anda sedang disiapkan.</source>
        <translation>Your queue number is being prepared.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="56"/>
        <source>Tiket Anda sedang dicetak.</source>
        <translation>Your ticket is being printed.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/screens/header.py" line="180"/>
        <source>Silakan ambil nomor antrean di sini</source>
        <translation>Please take your queue number here</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/screens/home.py" line="149"/>
        <source>Silakan pilih instansi</source>
        <translation>Please choose an agency</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="150"/>
        <source>Sentuh instansi yang Anda tuju untuk melihat layanannya.</source>
        <translation>Touch the agency you need to see its services.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="151"/>
        <source>Layanan prioritas</source>
        <translation>Priority service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="152"/>
        <source>Survei kepuasan</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="153"/>
        <source>Batalkan</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="161"/>
        <source>Jalur prioritas: %1. Pilih instansi, lalu layanan.</source>
        <translation>Priority lane: %1. Choose an agency, then a service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/home.py" line="189"/>
        <source>Tutup saat ini</source>
        <translation>Closed right now</translation>
    </message>
</context>
<context>
    <name>InfoScreen</name>
    <message>
        <location filename="../../kiosk/screens/info.py" line="126"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="127"/>
        <source>Ambil nomor antrean</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="128"/>
        <source>PERSYARATAN YANG PERLU DIBAWA</source>
        <translation>REQUIREMENTS TO BRING</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="129"/>
        <source>PROSEDUR</source>
        <translation>PROCEDURE</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="130"/>
        <source>BIAYA / TARIF</source>
        <translation>FEE</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="131"/>
        <source>WAKTU PENYELESAIAN</source>
        <translation>COMPLETION TIME</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="132"/>
        <source>PRODUK LAYANAN</source>
        <translation>WHAT YOU RECEIVE</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="133"/>
        <source>DASAR HUKUM</source>
        <translation>LEGAL BASIS</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="141"/>
        <source>Tidak ada persyaratan khusus.</source>
        <translation>No special requirements.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/info.py" line="145"/>
        <source>Tanyakan kepada petugas.</source>
        <translation>Please ask the staff.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/window.py" line="358"/>
        <source>Tidak ada printer yang diatur (none).</source>
        <translation>No printer is set up (none).</translation>
    </message>
    <message>
        <location filename="../../kiosk/window.py" line="371"/>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../kiosk/window.py" line="387"/>
        <source>Tiket uji printer – bukan nomor antrean</source>
        <translation>Printer test ticket – not a queue number</translation>
    </message>
    <message>
        <location filename="../../kiosk/window.py" line="395"/>
        <source>Printer siap digunakan.</source>
        <translation>The printer is ready.</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="108"/>
        <source>Kembali ke awal</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="109"/>
        <source>Tampilkan nomor di layar</source>
        <translation>Show the number on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="112"/>
        <source>Tiket tidak dapat dicetak</source>
        <translation>The ticket could not be printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="116"/>
        <source>Nomor %1 dibatalkan dan tidak akan dipanggil. Silakan coba lagi atau hubungi petugas.</source>
        <translation>Number %1 was cancelled and will not be called. Please try again or ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="121"/>
        <source>Nomor antrean tidak dapat diambil</source>
        <translation>No queue number can be taken</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="123"/>
        <source>Silakan pilih layanan lain atau tanyakan kepada petugas.</source>
        <translation>Please choose another service or ask the staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="125"/>
        <source>Terjadi gangguan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="126"/>
        <source>Nomor antrean belum dapat diberikan.</source>
        <translation>A queue number could not be given yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="127"/>
        <source>Silakan coba lagi sebentar lagi atau hubungi petugas.</source>
        <translation>Please try again shortly or ask the staff.</translation>
    </message>
</context>
<context>
    <name>OnScreenTicketScreen</name>
    <message>
        <location filename="../../kiosk/screens/result.py" line="360"/>
        <source>Printer sedang tidak tersedia</source>
        <translation>The printer is not available</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="361"/>
        <source>Tiket ditampilkan di layar</source>
        <translation>Ticket shown on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="365"/>
        <source>Foto layar ini atau catat nomor Anda, lalu tunggu sampai nomor Anda dipanggil.</source>
        <translation>Take a photo of this screen or write down your number, then wait until it is called.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="370"/>
        <source>Tiket Anda</source>
        <translation>Your ticket</translation>
    </message>
</context>
<context>
    <name>PausedScreen</name>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="167"/>
        <source>Pengambilan nomor antrean dihentikan sementara</source>
        <translation>Ticketing is paused for a moment</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="169"/>
        <source>Kertas printer tiket habis.</source>
        <translation>The ticket printer is out of paper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="171"/>
        <source>Printer tiket tidak dapat digunakan.</source>
        <translation>The ticket printer cannot be used.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="174"/>
        <source>Petugas sudah diberi tahu. Kiosk akan kembali melayani setelah printer siap. Silakan hubungi petugas informasi bila perlu.</source>
        <translation>The staff have been told. The kiosk resumes once the printer is ready. Please ask the information desk if needed.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="99"/>
        <source>Terlalu banyak percobaan. Coba lagi dalam 1 menit.</source>
        <translation>Too many attempts. Try again in 1 minute.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="101"/>
        <source>PIN salah.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="116"/>
        <source>Menu petugas</source>
        <translation>Staff menu</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="117"/>
        <source>Masukkan PIN petugas</source>
        <translation>Enter the staff PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="118"/>
        <source>Hapus</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="119"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/admin.py" line="120"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PriorityScreen</name>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="115"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="116"/>
        <source>Layanan prioritas</source>
        <translation>Priority service</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="117"/>
        <source>Pilih yang sesuai. Anda akan dipanggil lebih dahulu.</source>
        <translation>Choose what applies to you. You will be called first.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="119"/>
        <source>Berusia 60 tahun ke atas</source>
        <translation>Aged 60 or over</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="120"/>
        <source>Pengguna kursi roda, tunanetra, tunarungu, dan lainnya</source>
        <translation>Wheelchair users, blind or deaf visitors, and others</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="121"/>
        <source>Ibu hamil atau pengunjung yang membawa balita</source>
        <translation>Expecting mothers or visitors with a toddler</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/priority.py" line="129"/>
        <source>Petugas dapat meminta Anda menunjukkan kondisi tersebut. Terima kasih atas kejujuran Anda.</source>
        <translation>Staff may ask you to show this condition. Thank you for your honesty.</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../kiosk/screens/result.py" line="221"/>
        <source>Tiket berhasil dicetak</source>
        <translation>Ticket printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="224"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="225"/>
        <source>NOMOR ANTREAN ANDA</source>
        <translation>YOUR QUEUE NUMBER</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="226"/>
        <source>Antrean sebelum Anda</source>
        <translation>People ahead of you</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="227"/>
        <source>Perkiraan waktu tunggu</source>
        <translation>Estimated wait</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="266"/>
        <source>Dilayani di</source>
        <translation>Served at</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="268"/>
        <source>Loket buka pukul</source>
        <translation>Counters open at</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="269"/>
        <source>Loket yang buka</source>
        <translation>Open counters</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="269"/>
        <source>Belum ada</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="231"/>
        <source>Ambil tiket Anda di bawah layar, lalu tunggu sampai nomor Anda dipanggil.</source>
        <translation>Take your ticket below the screen, then wait until your number is called.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/result.py" line="266"/>
        <source>Loket %1</source>
        <translation>Counter %1</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <location filename="../../kiosk/screens/services.py" line="223"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/services.py" line="225"/>
        <location filename="../../kiosk/screens/services.py" line="245"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/services.py" line="237"/>
        <source>Prioritas: %1</source>
        <translation>Priority: %1</translation>
    </message>
</context>
<context>
    <name>SurveyScreen</name>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="217"/>
        <source>Survei Kepuasan Masyarakat</source>
        <translation>Public Satisfaction Survey</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="220"/>
        <source>Bantu kami meningkatkan pelayanan: pindai kode QR ini dengan kamera ponsel Anda untuk mengisi survei.</source>
        <translation>Help us improve our service: scan this QR code with your phone camera to fill in the survey.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="224"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>UnavailableScreen</name>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="141"/>
        <source>Layanan sementara tidak tersedia</source>
        <translation>Service temporarily unavailable</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="142"/>
        <source>Mohon maaf, sistem antrean sedang tidak dapat dihubungi.</source>
        <translation>Sorry, the queue system cannot be reached right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/notice.py" line="145"/>
        <source>Kiosk ini akan tersambung kembali dengan sendirinya. Silakan menunggu sebentar atau hubungi petugas informasi.</source>
        <translation>This kiosk will reconnect by itself. Please wait a moment or ask the information desk.</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../kiosk/screens/base.py" line="69"/>
        <source>PRIORITAS</source>
        <translation>PRIORITY</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="77"/>
        <source>&lt; 1 menit</source>
        <translation>under 1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="78"/>
        <source>± %n menit</source>
        <translation>about %n min</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="82"/>
        <source>%n menunggu</source>
        <translation>%n waiting</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="88"/>
        <location filename="../../kiosk/screens/base.py" line="116"/>
        <source>Tidak tersedia</source>
        <translation>Not available</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="94"/>
        <source>Libur: %1</source>
        <translation>Holiday: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="98"/>
        <source>Tutup hari ini</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="100"/>
        <source>Belum buka · buka pukul %1</source>
        <translation>Not open yet · opens at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="104"/>
        <source>Istirahat · buka kembali pukul %1</source>
        <translation>On a break · reopens at %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="108"/>
        <source>Sudah lewat batas waktu pengambilan nomor hari ini</source>
        <translation>No more numbers are issued today</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="112"/>
        <source>Kuota hari ini sudah habis</source>
        <translation>Today&apos;s quota is used up</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/base.py" line="114"/>
        <source>Belum ada loket yang melayani</source>
        <translation>No counter serves it yet</translation>
    </message>
</context>
</TS>
