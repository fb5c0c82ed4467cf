"""Writes the import files bench/import.sh sends: hostile workbooks (a far cell, an inflation
bomb, a lying shared-string count) and a legitimate 20,000-row import, as CSV and XLSX.

    python3 bench/hostile.py OUT_DIR CLUSTER_NAME
"""
import io
import sys
import zipfile

out, cluster = sys.argv[1], sys.argv[2]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SST_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>'


def col(n):
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def cell(ref, text):
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(sheet_xml, sst=SST_EMPTY):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", sst)
    return buf.getvalue()


def sheet(rows, dimension):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>' + "".join(rows) + "</sheetData></worksheet>")


def write(name, data):
    with open(f"{out}/{name}", "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


# 1. The far cell: A1 and XFD1048576 (the 1.4 KB file that once aborted the server).
write("far-cell.xlsx", workbook(sheet(
    ['<row r="1">' + cell("A1", "klaster") + "</row>", '<row r="1048576">' + cell("XFD1048576", "x") + "</row>"],
    "A1:XFD1048576")))

# 2. An inflation bomb: about 4.5 MB that inflates to about 1 GB of rows.
row = '<row r="2">' + "".join(cell(f"{col(c)}2", "a" * 40) for c in range(1, 6)) + "</row>"
bomb = sheet([row] * 1_700_000, "A1:E2")
write("bomb.xlsx", workbook(bomb))
del bomb

# 3. A shared-string table that claims few strings and holds millions.
sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
       + "<si><t>x</t></si>" * 3_000_000 + "</sst>")
write("shared-strings.xlsx", workbook(sheet(['<row r="1">' + cell("A1", "klaster") + "</row>"], "A1:A1"), sst))
del sst

# 4. The largest legitimate import: 20,000 entries, as CSV and as XLSX.
header = ["klaster", "judul", "inovator", "unit", "deskripsi"]
entries = [[cluster, f"Inovasi pelayanan nomor {i}", f"Tim inovasi {i}", f"Dinas contoh {i % 40}",
            "Layanan digital yang memangkas waktu tunggu warga; " * 3] for i in range(1, 20_001)]
csv = "\n".join(",".join(f'"{v}"' for v in r) for r in [header] + entries) + "\n"
write("large.csv", csv.encode())
rows = ['<row r="%d">' % (r + 1) + "".join(cell(f"{col(c + 1)}{r + 1}", v) for c, v in enumerate(values)) + "</row>"
        for r, values in enumerate([header] + entries)]
write("large.xlsx", workbook(sheet(rows, f"A1:E{len(rows)}")))
