<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id_ID">
<context>
    <name>Actions</name>
    <message>
        <source>Panggil berikutnya</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Panggil ulang</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Alihkan</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Tunda</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Panggil nomor</source>
        <translation>Call number</translation>
    </message>
    <message>
        <source>Istirahat</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Mode mini</source>
        <translation>Mini mode</translation>
    </message>
</context>
<context>
    <name>CurrentTicketCard</name>
    <message>
        <source>Nomor saat ini</source>
        <translation>Current ticket</translation>
    </message>
    <message>
        <source>Belum ada nomor yang dipanggil</source>
        <translation>No ticket called yet</translation>
    </message>
    <message>
        <source>Waktu tunggu</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Sejak dipanggil</source>
        <translation>Since call</translation>
    </message>
    <message>
        <source>Waktu layanan</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>dipanggil %1×</source>
        <translation>called %1×</translation>
    </message>
    <message>
        <source>Catatan: %1</source>
        <translation>Note: %1</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Anda</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Dilayani</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Dialihkan</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Rata-rata layanan</source>
        <translation>Mean service time</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Antre — Masuk ke loket</source>
        <translation>Antre — Sign in to a counter</translation>
    </message>
    <message>
        <source>Masuk ke loket</source>
        <translation>Sign in to a counter</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>contoh: budi.santoso</source>
        <translation>e.g. budi.santoso</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Lima kali salah mengunci akun selama lima menit.</source>
        <translation>Five wrong attempts lock the account for five minutes.</translation>
    </message>
    <message>
        <source>%1 — diatur untuk komputer ini</source>
        <translation>%1 — set for this computer</translation>
    </message>
    <message>
        <source>Isi nama pengguna, kata sandi, dan loket.</source>
        <translation>Enter your username, password and counter.</translation>
    </message>
    <message>
        <source>Terjadi kesalahan tak terduga. Detailnya tercatat di log.</source>
        <translation>Something unexpected went wrong. The details are in the log.</translation>
    </message>
</context>
<context>
    <name>MiniBar</name>
    <message>
        <source>Berikutnya</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Ulang</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Kembali ke jendela penuh (Ctrl+M)</source>
        <translation>Back to the full window (Ctrl+M)</translation>
    </message>
    <message>
        <source>Antre — loket (mini)</source>
        <translation>Antre — counter (mini)</translation>
    </message>
    <message>
        <source>Terputus — menghubungkan ulang…</source>
        <translation>Disconnected — reconnecting…</translation>
    </message>
    <message>
        <source>Kosong</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>%1 menunggu</source>
        <translation>%1 waiting</translation>
    </message>
</context>
<context>
    <name>OpenTicketDialog</name>
    <message>
        <source>Nomor masih dibuka</source>
        <translation>A ticket is still open</translation>
    </message>
    <message>
        <source>Nomor %1 masih dibuka</source>
        <translation>Ticket %1 is still open</translation>
    </message>
    <message>
        <source>Loket hanya memegang satu nomor. Selesaikan atau tandai tidak hadir dulu sebelum memanggil nomor lain.</source>
        <translation>A counter holds one ticket at a time. Finish it or mark it as a no-show before calling another.</translation>
    </message>
    <message>
        <source>Selesai, lalu panggil</source>
        <translation>Finish, then call</translation>
    </message>
    <message>
        <source>Tidak hadir, lalu panggil</source>
        <translation>No-show, then call</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ParkDialog</name>
    <message>
        <source>Tunda nomor</source>
        <translation>Park ticket</translation>
    </message>
    <message>
        <source>Tunda nomor %1</source>
        <translation>Park ticket %1</translation>
    </message>
    <message>
        <source>Nomor disimpan di daftar Ditunda dan loket bisa memanggil nomor lain. Lanjutkan kapan saja dari daftar itu.</source>
        <translation>The ticket goes to the Parked list and the counter can call others. Resume it from that list at any time.</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Contoh: mengambil fotokopi KK (tidak wajib)</source>
        <translation>E.g. fetching a copy of the family card (optional)</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tunda</source>
        <translation>Park</translation>
    </message>
</context>
<context>
    <name>ParkedPanel</name>
    <message>
        <source>Ditunda</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>Tidak ada nomor yang ditunda.</source>
        <translation>No parked tickets.</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Resume</translation>
    </message>
</context>
<context>
    <name>TicketPickerDialog</name>
    <message>
        <source>Ketik nomor, misalnya A012</source>
        <translation>Type a number, e.g. A012</translation>
    </message>
    <message>
        <source>Cari nomor…</source>
        <translation>Find a number…</translation>
    </message>
    <message>
        <source>menunggu %1</source>
        <translation>waiting %1</translation>
    </message>
    <message>
        <source>Tidak ada nomor dalam daftar.</source>
        <translation>No tickets in the list.</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Alihkan nomor</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <source>Alihkan nomor %1</source>
        <translation>Transfer ticket %1</translation>
    </message>
    <message>
        <source>Dari layanan: %1 (%2)</source>
        <translation>From: %1 (%2)</translation>
    </message>
    <message>
        <source>Layanan tujuan</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <source>Cari layanan atau instansi…</source>
        <translation>Find a service or agency…</translation>
    </message>
    <message>
        <source>Posisi di antrean tujuan</source>
        <translation>Place in that queue</translation>
    </message>
    <message>
        <source>Di belakang — mengantre seperti nomor baru</source>
        <translation>At the back — queues like a new ticket</translation>
    </message>
    <message>
        <source>Di depan — dipanggil lebih dulu</source>
        <translation>At the front — called first</translation>
    </message>
    <message>
        <source>Catatan untuk loket tujuan</source>
        <translation>Note for the receiving counter</translation>
    </message>
    <message>
        <source>Contoh: berkas KK sudah diperiksa (tidak wajib)</source>
        <translation>E.g. family card already checked (optional)</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Alihkan</source>
        <translation>Transfer</translation>
    </message>
</context>
<context>
    <name>WaitingPanel</name>
    <message>
        <source>Antrean loket ini</source>
        <translation>This counter's queue</translation>
    </message>
    <message>
        <source>Berikutnya</source>
        <translation>Next up</translation>
    </message>
    <message>
        <source>Klik dua kali untuk memanggil nomor ini</source>
        <translation>Double-click to call this ticket</translation>
    </message>
    <message>
        <source>%1 menunggu</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>%1 prioritas</source>
        <translation>%1 priority</translation>
    </message>
    <message>
        <source>(bantuan)</source>
        <translation>(helping)</translation>
    </message>
    <message>
        <source>%1 nomor prioritas</source>
        <translation>%1 priority tickets</translation>
    </message>
    <message>
        <source>Loket ini belum diberi layanan.</source>
        <translation>No services are assigned to this counter yet.</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Terlama</source>
        <translation>Longest</translation>
    </message>
    <message>
        <source>alihan</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>+ %1 lainnya</source>
        <translation>+ %1 more</translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu.</source>
        <translation>Nobody is waiting.</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>&lt; 1 mnt</source>
        <translation>&lt; 1 min</translation>
    </message>
    <message>
        <source>%1 mnt</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 j %2 mnt</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 dtk</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 mnt %2 dtk</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <source>Mini</source>
        <translation>Mini</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Bilah kecil yang selalu tampil di atas program lain (Ctrl+M)</source>
        <translation>A small bar that stays on top of other programs (Ctrl+M)</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Tutup loket dan keluar</source>
        <translation>Close the counter and sign out</translation>
    </message>
    <message>
        <source>Kirim ulang</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Batalkan</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Antre — Loket</source>
        <translation>Antre — Counter</translation>
    </message>
    <message>
        <source>Loket sedang %1. Buka loket (F11) untuk memanggil.</source>
        <translation>The counter is %1. Open it (F11) to call.</translation>
    </message>
    <message>
        <source>Belum ada yang menunggu di layanan loket ini.</source>
        <translation>Nobody is waiting for this counter's services yet.</translation>
    </message>
    <message>
        <source>Tekan F1 untuk memanggil %1 (%2).</source>
        <translation>Press F1 to call %1 (%2).</translation>
    </message>
    <message>
        <source>Basis data tidak dapat dihubungi</source>
        <translation>The database cannot be reached</translation>
    </message>
    <message>
        <source>Tombol dinonaktifkan sementara. Antre menghubungkan ulang sendiri; tidak ada tindakan yang diterapkan dua kali.</source>
        <translation>Buttons are disabled for now. Antre reconnects by itself; no action is applied twice.</translation>
    </message>
    <message>
        <source>Tersambung kembali</source>
        <translation>Connected again</translation>
    </message>
    <message>
        <source>Basis data dapat dihubungi lagi.</source>
        <translation>The database can be reached again.</translation>
    </message>
    <message>
        <source>“%1” belum terkirim; dikirim ulang otomatis begitu tersambung.</source>
        <translation>“%1” was not sent yet; it is sent again automatically once connected.</translation>
    </message>
    <message>
        <source>“%1” belum terkirim. Kirim ulang sekarang, atau batalkan?</source>
        <translation>“%1” was not sent. Send it again now, or discard it?</translation>
    </message>
    <message>
        <source>Panggil nomor</source>
        <translation>Call a number</translation>
    </message>
    <message>
        <source>Panggil</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Lanjutkan nomor yang ditunda</source>
        <translation>Resume a parked ticket</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Status loket: %1.</source>
        <translation>Counter: %1.</translation>
    </message>
    <message>
        <source>%1 dipanggil.</source>
        <translation>%1 called.</translation>
    </message>
    <message>
        <source>%1 dilanjutkan dan dipanggil.</source>
        <translation>%1 resumed and called.</translation>
    </message>
    <message>
        <source>%1 dipanggil ulang.</source>
        <translation>%1 called again.</translation>
    </message>
    <message>
        <source>Mulai melayani %1.</source>
        <translation>Serving %1.</translation>
    </message>
    <message>
        <source>%1 selesai.</source>
        <translation>%1 finished.</translation>
    </message>
    <message>
        <source>%1 ditandai tidak hadir.</source>
        <translation>%1 marked as no-show.</translation>
    </message>
    <message>
        <source>%1 ditunda.</source>
        <translation>%1 parked.</translation>
    </message>
    <message>
        <source>%1 dialihkan ke %2.</source>
        <translation>%1 transferred to %2.</translation>
    </message>
    <message>
        <source>%1 diselesaikan otomatis.</source>
        <translation>%1 finished automatically.</translation>
    </message>
    <message>
        <source>Terjadi kesalahan tak terduga; tindakan tidak diterapkan. Detailnya tercatat di log.</source>
        <translation>Something unexpected went wrong; the action was not applied. The details are in the log.</translation>
    </message>
</context>
</TS>