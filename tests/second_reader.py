"""Opens the consolidated workbook with openpyxl, a reader independent of
ours, and checks that every table of output.md is there by name with its
headers. Run by .ci/run on the workbook `sammanstall` writes for the samples."""
import re
import sys

import openpyxl

TABLES = {
    "Oversikt": ["Insats", "Inriktning", "Rapport", "Mål", "Förutsättningar", "Budget", "Kvalitet",
                 "Deltagare", "Helhet", "Fel", "Varningar"],
    "Insatser": ["Id", "Insats", "Område", "Inriktning", "Start", "Slut", "Insatstid", "Beviljat belopp"],
    "Mal": ["Insats", "Insatsen ligger i fas gällande uppsatta mål", "Styrgruppens prognos för måluppfyllelse",
            "Mål uppfyllda", "Kommentar"],
    "Forutsattningar": ["Insats", "Start i tid", "Vakanser SOF-medel", "Vakanser egenfinansierade resurser",
                        "Inkomna avvikelser gällande budget"],
    "Budget": ["Insats", "Budget", "Utfall", "Utfall i procent", "Prognos budget", "Utfall sedan start",
               "Beviljat belopp"],
    "Kvalitet": ["Insats", "Styrgruppsmöten enl. avtal", "Uppföljning enl. avtal", "Kontroll målgrupp",
                 "Kontroll metod", "Jämlikhet", "Jämställdhet", "Avvikelse mål/målgrupp"],
    "Deltagare": ["Insats", "Karaktär", "Pågående", "Avslutade", "Totalt", "Förväntat antal",
                  "Andel av förväntat", "Budget per år"],
    "Avslut": ["Avslutsanledning", "Kvinnor", "Män", "Totalt"],
    "Fordelning": ["Inriktning", "Beviljat belopp", "Andel", "Mål"],
    "Kontroll": ["Allvarlighet", "Kod", "Insats", "Fil", "Blad", "Cell", "Fält", "Meddelande"],
    "Kallor": ["Fil", "Insats", "Kvartal", "Mallversion", "Ändrad", "SHA-256", "Status"],
    "Andringar": ["Vad", "Insats", "Före", "Efter"],
    "AttFoljaUpp": ["Insats", "Regel", "Skäl", "Kvartal"],
    "Trend": ["Insats", "Utfall hittills", "Budget hittills", "Beviljat belopp", "Deltagare sedan start",
              "Förväntat hittills"],
    "Rapportdata": ["Fil", "Id", "Kortnamn", "Rapportkvartal", "Räknas", "Status", "Kommentar", "Avvisade fält",
                    "Mallversion", "Utfall, förbundets medel (kr)", "Styrgruppens analys av kvartalet"],
    "Rapportmal": ["Fil", "Id", "Kortnamn", "Rapportkvartal", "Räknas", "Nr", "Mål", "Målstatus", "Kommentar"],
}

# Trend has one column per quarter of the history, headed like "2018-K1".
QUARTER = re.compile(r"^\d{4}-K[1-4]$")


def main(path):
    book = openpyxl.load_workbook(path)
    found = {}
    for sheet in book.worksheets:
        # items() gives (table name, "A4:K22"); the first row holds the headers.
        for name, ref in sheet.tables.items():
            found[name] = [cell.value for cell in sheet[ref][0]]
    problems = []
    for name, headers in TABLES.items():
        if name not in found:
            problems.append(f"table {name} missing")
            continue
        missing = [h for h in headers if h not in found[name]]
        if missing:
            problems.append(f"table {name} lacks {missing}")
    quarters = [h for h in found.get("Trend", []) if isinstance(h, str) and QUARTER.match(h)]
    if not quarters:
        problems.append("table Trend has no quarter columns")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"openpyxl {openpyxl.__version__} read {len(found)} tables from {path}; Trend shows {', '.join(quarters)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
