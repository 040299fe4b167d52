"""Phrases with parameters, said in the reader's language when they are shown.

A hall file's problems are found long before anyone reads them, and one error may be
read in Indonesian on a screen and in English in a log: a problem is kept as its English
template and parameters (a Phrase), and rendered by ``core.messages.text`` in the language
asked for. Indonesian templates are looked up by the English one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Phrase:
    template: str  # English, with {name} fields
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        template = _ID.get(self.template, self.template) if lang == "id" else self.template
        params = {name: render(value, lang) for name, value in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError):
            return template

    def __str__(self) -> str:
        return self.render("en")


def render(value: Any, lang: str) -> Any:
    """A Phrase (or anything with ``render``) in ``lang``; a known word translated; else as is."""
    if hasattr(value, "render"):
        return value.render(lang)
    if isinstance(value, str) and lang == "id":
        return _ID.get(value, value)
    return value


@dataclass(frozen=True)
class ProblemList:
    """The problems of a file, one per line: (line number or None, key path, Phrase)."""

    problems: tuple[tuple[int | None, str, Phrase], ...]

    def render(self, lang: str) -> str:
        word = "baris" if lang == "id" else "line"
        return "\n".join(
            f"  {f'{word} {line}: ' if line else ''}{f'{where}: ' if where else ''}"
            f"{phrase.render(lang)}"
            for line, where, phrase in self.problems
        )

    def __str__(self) -> str:
        return self.render("en")


_ID: dict[str, str] = {
    # kinds of value
    "text": "teks",
    "a whole number": "bilangan bulat",
    "true/false": "true/false",
    "a list": "daftar",
    "a table": "tabel",
    "a date (YYYY-MM-DD)": "tanggal (YYYY-MM-DD)",
    "a decimal number": "bilangan desimal",
    # the shape of the file
    "expected a table": "harus berupa tabel",
    "missing": "belum diisi",
    "unknown key": "kunci tidak dikenal",
    "expected {kind}, got {got}": "harus berupa {kind}, tetapi berisi {got}",
    "must not be empty": "tidak boleh kosong",
    "a loket's short name may be at most {limit} characters (has {count})": (
        "nama pendek loket paling panjang {limit} karakter (berisi {count})"
    ),
    "expected a list of texts": "harus berupa daftar teks",
    "TOML syntax error: {detail}": "kesalahan penulisan TOML: {detail}",
    # values
    "must be between {low} and {high} (is {value})": (
        "harus antara {low} dan {high} (sekarang {value})"
    ),
    '"{value}" must be lowercase letters, digits and dashes': (
        '"{value}" hanya boleh berisi huruf kecil, angka dan tanda hubung'
    ),
    '"{value}" must be capital letters, digits and dashes': (
        '"{value}" hanya boleh berisi huruf kapital, angka dan tanda hubung'
    ),
    '"{value}" must be a colour as #RRGGBB': '"{value}" harus berupa warna #RRGGBB',
    '"{value}" must be one or two capital letters (A–Z)': (
        '"{value}" harus satu atau dua huruf kapital (A–Z)'
    ),
    '"{value}" is not a time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)': (
        '"{value}" bukan zona waktu (misalnya Asia/Jakarta, Asia/Makassar, Asia/Jayapura)'
    ),
    "unknown placeholder {{{name}}}; allowed: {allowed}": (
        "isian {{{name}}} tidak dikenal; yang boleh: {allowed}"
    ),
    '"{value}" must be "words" or "digits"': '"{value}" harus "words" atau "digits"',
    'no schedule "{value}" in [schedules]': 'jadwal "{value}" tidak ada di [schedules]',
    # the logo
    'no file "{name}" (looked for {path})': 'berkas "{name}" tidak ada (dicari di {path})',
    '"{name}" is {kb} KB; a logo may be at most {limit} KB': (
        '"{name}" berukuran {kb} KB; logo paling besar {limit} KB'
    ),
    "unsupported format {value}; this Antre reads format {format}": (
        "format {value} tidak didukung; Antre ini membaca format {format}"
    ),
    "{day} is listed twice (also holidays[{other}])": (
        "{day} tercantum dua kali (juga di holidays[{other}])"
    ),
    "loket {number} is already defined at {other}": "loket {number} sudah ditetapkan di {other}",
    "rank must be 1 (main), 2 or 3 (helps when higher ranks are empty)": (
        "peringkat harus 1 (utama), 2 atau 3 (membantu saat peringkat di atasnya kosong)"
    ),
    '"{name}" cannot be read: {detail}': '"{name}" tidak dapat dibaca: {detail}',
    '"{name}" is not a PNG or JPEG image': '"{name}" bukan gambar PNG atau JPEG',
    # agencies, services, counters, holidays
    '"{code}" is already used by {other}': '"{code}" sudah dipakai oleh {other}',
    "a hall needs at least one agency": "gedung layanan perlu sedikitnya satu instansi",
    'needs schedule = "NAME" or an hours table': 'perlu schedule = "NAMA" atau tabel hours',
    "give either schedule or hours, not both": "isi schedule atau hours, jangan keduanya",
    'no service with code "{code}"': 'tidak ada layanan berkode "{code}"',
    # hours
    'expected a time as "HH:MM"': 'harus berupa jam "HH:MM"',
    '"{value}" is not a time as HH:MM (00:00–23:59)': '"{value}" bukan jam HH:MM (00:00–23:59)',
    "expected a table of weekdays (mon … sun)": "harus berupa tabel hari (mon … sun)",
    "unknown weekday; use one of {days}": "hari tidak dikenal; pakai salah satu dari {days}",
    'expected {{ open = "HH:MM", close = "HH:MM", breaks = [...] }}': (
        'harus berupa {{ open = "HH:MM", close = "HH:MM", breaks = [...] }}'
    ),
    "needs both open and close": "perlu open dan close",
    "closing time must be after opening time": "jam tutup harus setelah jam buka",
    'expected a list of ["HH:MM", "HH:MM"] pairs': (
        'harus berupa daftar pasangan ["HH:MM", "HH:MM"]'
    ),
    'expected a pair ["HH:MM", "HH:MM"]': 'harus berupa pasangan ["HH:MM", "HH:MM"]',
    "a break must lie inside opening hours and end after it starts": (
        "istirahat harus di dalam jam buka dan selesai setelah mulai"
    ),
    "breaks must be in order and must not overlap": (
        "istirahat harus berurutan dan tidak boleh tumpang tindih"
    ),
    # what the database holds, and what may be shown
    "a date and time": "tanggal dan jam",
    "a time of day": "jam",
    "may be at most {limit} characters (has {length})": (
        "paling panjang {limit} karakter (berisi {length})"
    ),
    "contains an invisible control character ({code})": (
        "berisi karakter kendali yang tak terlihat ({code}); hapus karakter itu"
    ),
    # TOML syntax (core.hallfile.toml_errors)
    "TOML syntax error ({where}): {detail}": "kesalahan penulisan TOML ({where}): {detail}",
    "column {column}": "kolom {column}",
    "at the end of the file": "di akhir berkas",
    "lists or tables are nested too deeply": "daftar atau tabel bersarang terlalu dalam",
    "Invalid statement": "pernyataan tidak sah",
    "Expected newline or end of document after a statement": (
        "setelah satu pernyataan harus ada baris baru atau akhir berkas"
    ),
    "Expected ']' at the end of a table declaration": "nama tabel harus ditutup dengan ']'",
    "Expected ']]' at the end of an array declaration": (
        "nama daftar tabel harus ditutup dengan ']]'"
    ),
    "Expected '=' after a key in a key/value pair": "setelah nama kunci harus ada '='",
    "Expected {what}": "seharusnya ada {what}",
    "Found invalid character {char}": "ada karakter yang tidak sah: {char}",
    "Illegal character {char}": "karakter terlarang: {char}",
    "Cannot declare {key} twice": "{key} ditulis dua kali",
    "Cannot overwrite a value": "nilai yang sudah diisi tidak boleh ditimpa",
    "Cannot mutate immutable namespace {key}": "{key} sudah lengkap dan tidak boleh ditambah",
    "Cannot redefine namespace {key}": "{key} tidak boleh ditetapkan ulang",
    "Duplicate inline table key {key}": "kunci {key} ditulis dua kali dalam tabel sebaris",
    "Invalid initial character for a key part": "nama kunci diawali karakter yang tidak sah",
    "Unclosed array": "daftar tidak ditutup dengan ']'",
    "Unclosed inline table": "tabel sebaris tidak ditutup dengan '}}'",
    "Unescaped '\\' in a string": "tanda '\\' di dalam teks tanpa escape (tulis '\\\\')",
    "Invalid hex value": "nilai heksadesimal tidak sah",
    "Escaped character is not a Unicode scalar value": "kode escape bukan karakter Unicode",
    "Unterminated string": "teks tidak ditutup dengan tanda kutip",
    "Invalid date or datetime": "tanggal atau waktu tidak sah",
    "Invalid value": "nilai tidak sah",
}
