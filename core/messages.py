"""What core says to people, in Bahasa Indonesia (default) and English.

Errors carry a code and parameters (core.errors); each front end renders them here in
its language, so a refusal reads the same at the kiosk, the counter and the CLI.
"""

from __future__ import annotations

import os
from typing import Any

from core.language import DEFAULT_LANGUAGE, Language, as_language
from core.phrases import render

_ID: dict[str, str] = {
    # availability: why a service cannot issue a ticket now
    "unavailable_inactive": "Layanan {service} tidak tersedia.",
    "unavailable_holiday": "Hari ini libur ({holiday}): layanan {service} tutup.",
    "unavailable_closed_today": "Layanan {service} tutup hari ini.",
    "unavailable_not_yet_open": "Layanan {service} belum buka. Buka pukul {opens_at}.",
    "unavailable_on_break": "Layanan {service} sedang istirahat. Buka kembali pukul {opens_at}.",
    "unavailable_cutoff_passed": "Pengambilan nomor untuk {service} sudah lewat batas waktu hari ini.",
    "unavailable_quota_reached": "Kuota {service} hari ini sudah habis.",
    "unavailable_no_counter": "Belum ada loket yang melayani {service}.",
    # counter rules
    "counter_on_break": "{counter} sedang istirahat: buka loket dulu untuk memanggil.",
    "counter_closed": "{counter} tutup: buka loket dulu untuk memanggil.",
    "counter_busy": "{counter} masih melayani {ticket}: selesaikan atau tandai tidak hadir dulu.",
    "service_not_assigned": "{ticket} bukan layanan {counter}.",
    "ticket_not_waiting": "Nomor {ticket} tidak sedang menunggu ({status}).",
    "ticket_not_here": "Nomor {ticket} tidak sedang dilayani di {counter}.",
    "no_open_ticket": "Tidak ada nomor yang sedang dilayani di {counter}.",
    "ticket_not_called": "Nomor {ticket} belum dipanggil atau sudah mulai dilayani.",
    "no_show_after_start": "Nomor {ticket} sudah mulai dilayani: tidak bisa ditandai tidak hadir.",
    "no_show_too_soon_both": "Nomor {ticket} belum bisa ditandai tidak hadir: bisa setelah {recalls} kali panggil ulang atau pukul {time}.",
    "no_show_too_soon_recalls": "Nomor {ticket} belum bisa ditandai tidak hadir: bisa setelah {recalls} kali panggil ulang.",
    "no_show_too_soon_time": "Nomor {ticket} belum bisa ditandai tidak hadir: bisa mulai pukul {time}.",
    # what the counter's "Tidak hadir" button says while the rule above still waits
    "no_show_wait_both": "Bisa ditandai tidak hadir setelah {recalls} kali panggil ulang atau pukul {time}",
    "no_show_wait_recalls": "Bisa ditandai tidak hadir setelah {recalls} kali panggil ulang",
    "no_show_wait_time": "Bisa ditandai tidak hadir mulai pukul {time}",
    "no_show_hint_both": "panggil ulang {recalls}× dulu, atau pukul {time}",
    "no_show_hint_recalls": "panggil ulang {recalls}× dulu",
    "no_show_hint_time": "mulai pukul {time}",
    "transfer_same_service": "Nomor {ticket} sudah berada di layanan {service}.",
    "ticket_not_parked_here": "Nomor {ticket} tidak sedang ditunda di {counter}.",
    "ticket_not_printing": "Nomor {ticket} tidak sedang dicetak ({status}).",
    "nothing_waiting": "Tidak ada antrean yang menunggu untuk {counter}.",
    # lookups
    "hall_unknown": 'Gedung layanan "{hall}" tidak ada di basis data.',
    "no_hall": "Basis data belum berisi gedung layanan. Jalankan: antre hall import FILE",
    "hall_ambiguous": "Basis data berisi beberapa gedung ({halls}): pilih dengan --hall KODE.",
    "service_unknown": 'Layanan "{service}" tidak dikenal.',
    "counter_unknown": "Loket {counter} tidak dikenal.",
    "ticket_unknown": "Nomor antrean {ticket} tidak ditemukan hari ini.",
    # officers
    "login_failed": "Nama pengguna atau kata sandi salah.",
    "login_locked": "Akun dikunci karena terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit.",
    "officer_exists": 'Petugas "{username}" sudah terdaftar.',
    "bad_username": 'Nama pengguna "{username}" tidak sah: gunakan huruf, angka, titik, garis bawah atau tanda hubung.',
    "password_too_short": "Kata sandi terlalu pendek: minimal {minimum} karakter.",
    "officer_unknown": 'Petugas "{username}" tidak terdaftar.',
    "last_admin": '"{username}" adalah admin aktif terakhir: tambahkan atau aktifkan admin lain terlebih dahulu.',
    "bad_role": 'Peran "{role}" tidak dikenal: pilih salah satu dari {roles}.',
    "bad_rank": "Peringkat layanan {service} harus 1, 2 atau 3 (bukan {rank}).",
    # configuration and database
    "bad_instant": '{where}: "{value}" bukan waktu ISO 8601 (contoh 2026-11-23T09:30:00+07:00).',
    "bad_database_url": "Alamat basis data tidak sah: {url} (contoh sqlite:///antre.db atau postgresql+psycopg://user@host/antre).",
    "database_unavailable": "Basis data tidak dapat dihubungi: {detail}",
    "database_missing": "Tidak ada basis data di {path}. Periksa pengaturan basis data, atau buat dengan: antre db upgrade, lalu antre hall import FILE",
    "database_file_gone": "Berkas basis data {path} hilang saat program berjalan (dihapus atau dipindahkan): tidak ada yang disimpan. Kembalikan berkas itu, atau pulihkan cadangan lalu mulai ulang program.",
    "database_file_replaced": "Berkas basis data {path} diganti dengan berkas lain saat program berjalan: tidak ada yang disimpan. Mulai ulang program untuk memakai berkas yang baru.",
    # the same, said while reading only (antre events): nothing was to be saved
    "database_file_gone_reading": "Berkas basis data {path} hilang (dihapus atau dipindahkan): pembacaan peristiwa berhenti. Kembalikan berkas itu, lalu jalankan lagi perintah ini.",
    "database_file_replaced_reading": "Berkas basis data {path} diganti dengan berkas lain: pembacaan peristiwa berhenti. Jalankan lagi perintah ini untuk membaca berkas yang baru.",
    # the same, short, for a screen's outage banner (a technician reads it in passing)
    "database_missing_brief": "Basis data tidak ditemukan: {path} — periksa pengaturan",
    "database_file_gone_brief": "Berkas basis data {path} dihapus atau dipindahkan — kembalikan berkasnya",
    "database_file_replaced_brief": "Berkas basis data {path} diganti — mulai ulang program",
    "schema_too_new": "Basis data memakai skema {revision} yang lebih baru dari versi Antre ini. Perbarui Antre.",
    "schema_outdated": "Skema basis data ({revision}) perlu diperbarui. Jalankan: antre db upgrade",
    "schema_missing": "Basis data belum disiapkan. Jalankan: antre db upgrade",
    "bad_request_id": 'Request id tidak sah: "{request_id}".',
    "request_id_reused": 'Request id "{request_id}" sudah dipakai untuk operasi lain ({operation}).',
    "bad_hours": "{where}: {problem}",
    "hall_file_invalid": "Berkas gedung {path} tidak sah:\n{problems}",
    "hall_file_unreadable": "Berkas {path} tidak dapat dibaca: {detail}",
    "hall_file_unwritable": "Berkas {path} tidak dapat ditulis: {detail}",
    "hall_file_not_a_file": "{path} bukan berkas biasa: berikan berkas TOML gedung.",
    "hall_file_too_large": "Berkas {path} terlalu besar: berkas gedung paling besar {limit} MB.",
    "config_invalid": "Pengaturan perangkat {path} tidak sah: {problem}",
    "bad_value": "{where}: {problem}",
}

_EN: dict[str, str] = {
    "unavailable_inactive": "{service} is not available.",
    "unavailable_holiday": "Today is a holiday ({holiday}): {service} is closed.",
    "unavailable_closed_today": "{service} is closed today.",
    "unavailable_not_yet_open": "{service} is not open yet. It opens at {opens_at}.",
    "unavailable_on_break": "{service} is on a break. It reopens at {opens_at}.",
    "unavailable_cutoff_passed": "Tickets for {service} are no longer issued today.",
    "unavailable_quota_reached": "Today's quota for {service} has been reached.",
    "unavailable_no_counter": "No counter serves {service} yet.",
    "counter_on_break": "{counter} is on a break: open it to call.",
    "counter_closed": "{counter} is closed: open it to call.",
    "counter_busy": "{counter} is still serving {ticket}: finish it or mark it no-show first.",
    "service_not_assigned": "{ticket} is not a service of {counter}.",
    "ticket_not_waiting": "Ticket {ticket} is not waiting ({status}).",
    "ticket_not_here": "Ticket {ticket} is not being served at {counter}.",
    "no_open_ticket": "{counter} is not serving any ticket.",
    "ticket_not_called": "Ticket {ticket} has not been called or is already being served.",
    "no_show_after_start": "Ticket {ticket} is already being served: it cannot be a no-show.",
    "no_show_too_soon_both": "Ticket {ticket} cannot be marked no-show yet: it can after {recalls} recall(s) or at {time}.",
    "no_show_too_soon_recalls": "Ticket {ticket} cannot be marked no-show yet: it can after {recalls} recall(s).",
    "no_show_too_soon_time": "Ticket {ticket} cannot be marked no-show yet: it can from {time}.",
    "no_show_wait_both": "Can be marked no-show after {recalls} recall(s) or at {time}",
    "no_show_wait_recalls": "Can be marked no-show after {recalls} recall(s)",
    "no_show_wait_time": "Can be marked no-show from {time}",
    "no_show_hint_both": "recall {recalls}× first, or at {time}",
    "no_show_hint_recalls": "recall {recalls}× first",
    "no_show_hint_time": "from {time}",
    "transfer_same_service": "Ticket {ticket} is already in {service}.",
    "ticket_not_parked_here": "Ticket {ticket} is not parked at {counter}.",
    "ticket_not_printing": "Ticket {ticket} is not being printed ({status}).",
    "nothing_waiting": "Nobody is waiting for {counter}.",
    "hall_unknown": 'Hall "{hall}" is not in the database.',
    "no_hall": "The database holds no hall yet. Run: antre hall import FILE",
    "hall_ambiguous": "The database holds several halls ({halls}): choose one with --hall CODE.",
    "service_unknown": 'Unknown service "{service}".',
    "counter_unknown": "Unknown counter {counter}.",
    "ticket_unknown": "Ticket {ticket} was not found today.",
    "login_failed": "Wrong username or password.",
    "login_locked": "The account is locked after too many failed attempts. Try again in {minutes} minutes.",
    "officer_exists": 'Officer "{username}" already exists.',
    "bad_username": 'Username "{username}" is not valid: use letters, digits, dot, underscore or dash.',
    "password_too_short": "The password is too short: at least {minimum} characters.",
    "officer_unknown": 'No officer "{username}" is registered.',
    "last_admin": '"{username}" is the last active admin: add or enable another admin first.',
    "bad_role": 'Unknown role "{role}": choose one of {roles}.',
    "bad_rank": "The rank of {service} must be 1, 2 or 3 (not {rank}).",
    "bad_instant": '{where}: "{value}" is not an ISO 8601 instant (e.g. 2026-11-23T09:30:00+07:00).',
    "bad_database_url": "Bad database URL: {url} (e.g. sqlite:///antre.db or postgresql+psycopg://user@host/antre).",
    "database_unavailable": "The database cannot be reached: {detail}",
    "database_missing": "No database at {path}. Check the database setting, or create it with: antre db upgrade, then antre hall import FILE",
    "database_file_gone": "The database file {path} disappeared while the program was running (deleted or moved): nothing was saved. Put the file back, or restore a backup and restart the program.",
    "database_file_replaced": "The database file {path} was replaced by another file while the program was running: nothing was saved. Restart the program to use the new file.",
    "database_file_gone_reading": "The database file {path} disappeared (deleted or moved): reading the events stopped. Put the file back, then run this command again.",
    "database_file_replaced_reading": "The database file {path} was replaced by another file: reading the events stopped. Run this command again to read the new file.",
    "database_missing_brief": "Database not found: {path} — check the settings",
    "database_file_gone_brief": "Database file {path} was deleted or moved — put it back",
    "database_file_replaced_brief": "Database file {path} was replaced — restart the program",
    "schema_too_new": "The database uses schema {revision}, newer than this version of Antre. Update Antre.",
    "schema_outdated": "The database schema ({revision}) needs an upgrade. Run: antre db upgrade",
    "schema_missing": "The database is not set up yet. Run: antre db upgrade",
    "bad_request_id": 'Bad request id: "{request_id}".',
    "request_id_reused": 'Request id "{request_id}" was already used for another operation ({operation}).',
    "bad_hours": "{where}: {problem}",
    "hall_file_invalid": "Hall file {path} is not valid:\n{problems}",
    "hall_file_unreadable": "Cannot read {path}: {detail}",
    "hall_file_unwritable": "Cannot write {path}: {detail}",
    "hall_file_not_a_file": "{path} is not a regular file: give a hall TOML file.",
    "hall_file_too_large": "{path} is too large: a hall file may be at most {limit} MB.",
    "config_invalid": "Device settings {path} are not valid: {problem}",
    "bad_value": "{where}: {problem}",
}

CATALOGUES = {"id": _ID, "en": _EN}

STATUS_NAMES = {
    "id": {
        "printing": "sedang dicetak",
        "waiting": "menunggu",
        "called": "dipanggil",
        "serving": "sedang dilayani",
        "parked": "ditunda",
        "done": "selesai",
        "no_show": "tidak hadir",
        "transferred": "dialihkan",
        "void": "batal",
        "expired": "kedaluwarsa",
    },
    "en": {
        "printing": "printing",
        "waiting": "waiting",
        "called": "called",
        "serving": "serving",
        "parked": "parked",
        "done": "done",
        "no_show": "no-show",
        "transferred": "transferred",
        "void": "void",
        "expired": "expired",
    },
}


def language() -> Language:
    """The language of the command line and of messages no program chose one for."""
    return as_language(os.environ.get("ANTRE_LANG", DEFAULT_LANGUAGE)[:2].lower())


def text(code: str, lang: str | None = None, **params: Any) -> str:
    lang = lang or language()
    params = {
        name: render(value, lang) if hasattr(value, "render") else value
        for name, value in params.items()
    }
    catalogue = CATALOGUES.get(lang, _ID)
    template = catalogue.get(code) or _ID.get(code) or code
    if "status" in params:
        params["status"] = STATUS_NAMES.get(lang or language(), {}).get(
            str(params["status"]), params["status"]
        )
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
