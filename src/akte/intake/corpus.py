"""Generated training letters for the statistical model, one set per kind (seeded, repeatable).

Synthetic on purpose: the model is trained only on these, and measured on real decisions it
has never seen (`akte bench intake`). Headings are left out of a share of them, so the model
learns the wording of each kind rather than its heading (headings are the rules' job).
"""

from __future__ import annotations

import random

CITIES = ["Potsdam", "Berlin", "München", "Köln", "Leipzig", "Hamburg", "Würzburg", "Augsburg",
          "Gießen", "Freiburg", "Stuttgart", "Düsseldorf", "Hannover", "Dresden", "Magdeburg"]  # fmt: skip
NAMES = ["Amani Haddad", "Yusuf Demir", "Mariam Sultani", "Ali Rahimi", "Fatima Noori",
         "Samir Barakat", "Lina Yousef", "Omid Karimi", "Hana Tesfaye", "Daniel Mekonnen"]  # fmt: skip
LAWYERS = ["Rechtsanwältin Dr. Weber", "Rechtsanwalt Schulz", "Kanzlei Becker & Partner"]
TOPICS = ["Asylrecht", "Flüchtlingsschutz", "subsidiären Schutz", "Abschiebungsverbote",
          "Dublin-Verfahren", "Aufenthaltsrecht", "Ausweisung", "Fahrerlaubnis", "Baurecht"]  # fmt: skip
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]  # fmt: skip


def _date(r: random.Random) -> str:
    if r.random() < 0.5:
        return f"{r.randint(1, 28)}. {r.choice(MONTHS)} {r.randint(2018, 2025)}"
    return f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.{r.randint(2018, 2025)}"


def _az(r: random.Random) -> str:
    return r.choice(
        [f"{r.randint(1, 12)} K {r.randint(100, 9999)}/{r.randint(18, 25)}.A",
         f"A {r.randint(1, 12)} K {r.randint(100, 9999)}/{r.randint(18, 25)}",
         f"M {r.randint(1, 30)} K {r.randint(18, 25)}.{r.randint(30000, 39999)}",
         f"VG {r.randint(1, 40)} L {r.randint(100, 999)}.{r.randint(18, 25)} A"]
    )  # fmt: skip


def _parties(r: random.Random, active: str, passive: str) -> str:
    return (
        f"{r.choice(NAMES)}, wohnhaft in {r.choice(CITIES)},\n- {active} -\n"
        f"bevollmächtigt: {r.choice(LAWYERS)}\ngegen\nBundesrepublik Deutschland, vertreten durch "
        f"das Bundesamt für Migration und Flüchtlinge,\n- {passive} -\n"
    )


def _reasons(r: random.Random, n: int) -> str:
    pool = [
        "Die zulässige Klage ist unbegründet.",
        "Der Kläger hat keinen Anspruch auf Zuerkennung der Flüchtlingseigenschaft nach § 3 AsylG.",
        "Das Gericht folgt der Begründung des angefochtenen Bescheids (§ 77 Abs. 2 AsylG).",
        "Es bestehen keine ernsthaften Zweifel an der Rechtmäßigkeit des Verwaltungsakts.",
        "Die Voraussetzungen des § 60 Abs. 5 AufenthG liegen nicht vor.",
        "Der Vortrag des Klägers ist in wesentlichen Punkten widersprüchlich und gesteigert.",
        "Die Beteiligten haben übereinstimmend auf mündliche Verhandlung verzichtet.",
        "Die Kostenentscheidung beruht auf § 154 Abs. 1 VwGO; Gerichtskosten werden nicht erhoben (§ 83b AsylG).",
        "Die Entscheidung über die vorläufige Vollstreckbarkeit folgt aus § 167 VwGO i. V. m. §§ 708 Nr. 11, 711 ZPO.",
        f"Vgl. BVerwG, Urteil vom {_date(r)} - {r.randint(1, 10)} C {r.randint(1, 40)}.{r.randint(15, 24)} -.",
    ]
    return "\n".join(r.choice(pool) for _ in range(n))


def urteil(r):
    head = r.choice(["URTEIL", "Urteil", "Im Namen des Volkes\nUrteil", ""])
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\n{_az(r)}\n{head}\nIn der Verwaltungsstreitsache\n"
        + _parties(r, "Kläger", "Beklagte")
        + f"wegen {r.choice(TOPICS)}\nhat die {r.randint(1, 12)}. Kammer aufgrund der mündlichen Verhandlung vom "
        f"{_date(r)} durch den Richter am Verwaltungsgericht als Einzelrichter für Recht erkannt:\n"
        "Die Klage wird abgewiesen. Der Kläger trägt die Kosten des Verfahrens.\n"
        "Das Urteil ist hinsichtlich der Kosten vorläufig vollstreckbar.\nTatbestand\n"
        + _reasons(r, 4) + "\nEntscheidungsgründe\n" + _reasons(r, 6)
        + "\nRechtsmittelbelehrung: Gegen dieses Urteil kann innerhalb eines Monats die Zulassung der Berufung beantragt werden."
    )  # fmt: skip


def beschluss(r):
    head = r.choice(["BESCHLUSS", "Beschluss", ""])
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\n{_az(r)}\n{head}\nIn der Verwaltungsrechtssache\n"
        + _parties(r, "Antragsteller", "Antragsgegnerin")
        + f"wegen {r.choice(TOPICS)}, hier: Antrag nach § 80 Abs. 5 VwGO\nhat die {r.randint(1, 12)}. Kammer am "
        f"{_date(r)} beschlossen:\nDer Antrag wird abgelehnt. Der Antragsteller trägt die Kosten des Verfahrens.\n"
        "Gründe\n" + _reasons(r, 5)
        + "\nDieser Beschluss ist unanfechtbar (§ 80 AsylG)."
    )  # fmt: skip


def gerichtsbescheid(r):
    head = r.choice(["GERICHTSBESCHEID", "Gerichtsbescheid", ""])
    law = r.choice(["§ 84 Abs. 1 VwGO", "§ 105 Abs. 1 SGG", "§ 90a Abs. 1 FGO"])
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\n{_az(r)}\n{head}\nIn der Verwaltungsstreitsache\n"
        + _parties(r, "Kläger", "Beklagte")
        + f"hat die {r.randint(1, 12)}. Kammer ohne mündliche Verhandlung am {_date(r)} durch Gerichtsbescheid "
        f"entschieden:\nDie Klage wird abgewiesen.\nGründe\nDas Gericht entscheidet nach {law} durch "
        "Gerichtsbescheid, weil die Sache keine besonderen Schwierigkeiten tatsächlicher oder rechtlicher Art "
        "aufweist und der Sachverhalt geklärt ist. Die Beteiligten wurden vorher gehört.\n" + _reasons(r, 4)
        + "\nDie Beteiligten können innerhalb von zwei Wochen nach Zustellung mündliche Verhandlung beantragen."
    )  # fmt: skip


def ladung(r):
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\nAz.: {_az(r)}\n{r.choice(['Ladung', 'LADUNG', ''])}\n"
        f"In der Verwaltungsstreitsache {r.choice(NAMES)} ./. Bundesrepublik Deutschland\n"
        f"werden Sie zur mündlichen Verhandlung am {_date(r)}, {r.randint(8, 15)}:{r.choice(['00', '30'])} Uhr, "
        f"Saal {r.randint(1, 20)}, geladen. Das persönliche Erscheinen des Klägers wird angeordnet.\n"
        "Beim Ausbleiben eines Beteiligten kann auch ohne ihn verhandelt und entschieden werden (§ 102 Abs. 2 VwGO).\n"
        "Mit freundlichen Grüßen\nauf Anordnung\nUrkundsbeamtin der Geschäftsstelle"
    )  # fmt: skip


def schriftsatz(r):
    return (
        f"{r.choice(LAWYERS)}\nAn das Verwaltungsgericht {r.choice(CITIES)}\nAz.: {_az(r)}\n"
        f"In der Verwaltungsrechtssache {r.choice(NAMES)} ./. Bundesrepublik Deutschland\n"
        "nehmen wir zum Schriftsatz der Beklagten wie folgt Stellung:\n"
        f"Der Kläger hat sein Verfolgungsschicksal im Rahmen der Anhörung ausführlich geschildert. {_reasons(r, 2)}\n"
        "Wir regen an, den Kläger in der mündlichen Verhandlung informatorisch anzuhören.\n"
        "Beglaubigte und einfache Abschrift anbei.\nRechtsanwältin"
    )  # fmt: skip


def klage(r):
    return (
        f"{r.choice(LAWYERS)}\nAn das Verwaltungsgericht {r.choice(CITIES)}\n{r.choice(['Klage', 'KLAGE', 'Klage und Eilantrag', ''])}\n"
        f"des Herrn {r.choice(NAMES)}\n- Kläger -\ngegen\ndie Bundesrepublik Deutschland\n- Beklagte -\n"
        f"wegen {r.choice(TOPICS)}\nNamens und in Vollmacht des Klägers erheben wir Klage und beantragen,\n"
        f"die Beklagte unter Aufhebung des Bescheids vom {_date(r)} zu verpflichten, dem Kläger die Flüchtlingseigenschaft zuzuerkennen.\n"
        "Ferner beantragen wir, die aufschiebende Wirkung der Klage anzuordnen. Die Begründung folgt in einem gesonderten Schriftsatz."
    )  # fmt: skip


def vollmacht(r):
    return (
        f"{r.choice(['Vollmacht', 'VOLLMACHT', 'Prozessvollmacht'])}\nHiermit wird {r.choice(LAWYERS)} in Sachen {r.choice(NAMES)} "
        f"wegen {r.choice(TOPICS)} Vollmacht erteilt\nzur Prozessführung, zur Vertretung in allen Instanzen, zur Begründung und Abwendung von Zahlungsverpflichtungen, "
        "zur Entgegennahme von Zustellungen und zur Akteneinsicht.\nDie Vollmacht erstreckt sich auf Neben- und Folgeverfahren.\n"
        f"{r.choice(CITIES)}, den {_date(r)}\nUnterschrift"
    )  # fmt: skip


def bescheid(r):
    return (
        f"Bundesamt für Migration und Flüchtlinge\nAußenstelle {r.choice(CITIES)}\nGeschäftszeichen: {r.randint(1000000, 9999999)}-{r.randint(100, 999)}\n"
        f"{r.choice(['BESCHEID', 'Bescheid', ''])}\nIn dem Asylverfahren des {r.choice(NAMES)}\nergeht folgende Entscheidung:\n"
        "1. Die Flüchtlingseigenschaft wird nicht zuerkannt.\n2. Der Antrag auf Asylanerkennung wird abgelehnt.\n"
        "3. Der subsidiäre Schutzstatus wird nicht zuerkannt.\n4. Abschiebungsverbote nach § 60 Absatz 5 und 7 des Aufenthaltsgesetzes liegen nicht vor.\n"
        "5. Der Antragsteller wird aufgefordert, die Bundesrepublik Deutschland innerhalb von 30 Tagen zu verlassen.\n"
        "Begründung\n" + _reasons(r, 3) + "\nRechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb von zwei Wochen Klage erhoben werden."
    )  # fmt: skip


def protokoll(r):
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\n{_az(r)}\n{r.choice(['Niederschrift', 'Sitzungsprotokoll', 'Protokoll'])} über die öffentliche Sitzung vom {_date(r)}\n"
        "Anwesend: Richterin am Verwaltungsgericht als Einzelrichterin, ohne Urkundsbeamtin (vorläufig aufgezeichnet).\n"
        f"In der Verwaltungsstreitsache {r.choice(NAMES)} ./. Bundesrepublik Deutschland erscheinen bei Aufruf der Sache der Kläger mit Dolmetscher.\n"
        "Die Sach- und Rechtslage wird erörtert. Der Kläger wird informatorisch angehört. Vorgelesen und genehmigt.\n"
        "Der Prozessbevollmächtigte stellt den Antrag aus dem Schriftsatz. Die Beklagte beantragt, die Klage abzuweisen.\nBeschlossen und verkündet: Eine Entscheidung ergeht am Ende der Sitzung."
    )  # fmt: skip


def verfuegung(r):
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\n{_az(r)}\nVerfügung\n1. Schriftsatz an die Beklagte zur Kenntnis und Stellungnahme binnen zwei Wochen.\n"
        "2. Anfrage an die Beteiligten, ob Einverständnis mit einer Entscheidung durch den Berichterstatter besteht.\n"
        f"3. Wiedervorlage: {_date(r)}\nDer Vorsitzende"
    )  # fmt: skip


def gutachten(r):
    return (
        f"Sachverständigengutachten\nim Auftrag des Verwaltungsgerichts {r.choice(CITIES)}, {_az(r)}\n"
        "Fragestellung: Die Beweisfrage des Beweisbeschlusses lautet, ob der Kläger im Herkunftsland Verfolgung zu befürchten hat.\n"
        "Methodik: Auswertung der Erkenntnismittel, Befragung von Quellen vor Ort.\nErgebnis: Nach den Erkenntnissen des Sachverständigen ist "
        "eine Gefährdung nicht auszuschließen. Der Gutachter versichert, das Gutachten unparteiisch erstattet zu haben."
    )  # fmt: skip


def zustellungsnachweis(r):
    return (
        f"{r.choice(['Empfangsbekenntnis', 'Elektronisches Empfangsbekenntnis', 'Zustellungsurkunde'])}\nAz.: {_az(r)}\n"
        f"Ich habe das folgende Schriftstück erhalten: Urteil vom {_date(r)}\nEmpfangen am: {_date(r)}\n"
        "Das Empfangsbekenntnis wird zurückgesandt. Unterschrift des Empfängers"
    )  # fmt: skip


def attest(r):
    return (
        f"Dr. med. {r.choice(['Schneider', 'Yilmaz', 'Hoffmann'])}, Fachärztin für Psychiatrie und Psychotherapie\n"
        f"{r.choice(['Ärztliches Attest', 'Fachärztliche Bescheinigung', 'Ärztliche Stellungnahme', ''])}\n"
        f"Patient: {r.choice(NAMES)}, geb. {_date(r)}\nDiagnosen: {r.choice(['posttraumatische Belastungsstörung (ICD-10 F43.1)', 'mittelgradige depressive Episode (F32.1)', 'Diabetes mellitus Typ 2 (E11.9)'])}\n"
        "Der Patient befindet sich seit mehreren Monaten in regelmäßiger ambulanter Behandlung. Eine Medikation mit Sertralin erfolgt.\n"
        "Bei Abbruch der Behandlung ist mit einer erheblichen Verschlechterung des Gesundheitszustandes zu rechnen. Reisefähigkeit ist derzeit nicht gegeben."
    )  # fmt: skip


def schreiben(r):
    return (
        f"Verwaltungsgericht {r.choice(CITIES)}\nAz.: {_az(r)}\nSehr geehrte Damen und Herren,\n"
        + r.choice([
            "in der oben bezeichneten Sache wird um Übersendung der Verwaltungsvorgänge gebeten.",
            "anbei erhalten Sie den Schriftsatz der Gegenseite zur Kenntnisnahme.",
            "es wird gebeten mitzuteilen, ob der Rechtsstreit in der Hauptsache erledigt ist.",
            "die Sache ist der Einzelrichterin zur Entscheidung übertragen worden.",
        ])
        + "\nMit freundlichen Grüßen\nauf Anordnung\nJustizbeschäftigte"
    )  # fmt: skip


GENERATORS = {
    "Urteil": urteil, "Beschluss": beschluss, "Gerichtsbescheid": gerichtsbescheid, "Ladung": ladung,
    "Schriftsatz": schriftsatz, "Klage": klage, "Vollmacht": vollmacht, "Bescheid": bescheid,
    "Protokoll": protokoll, "Verfügung": verfuegung, "Gutachten": gutachten,
    "Zustellungsnachweis": zustellungsnachweis, "Ärztliches Attest": attest, "Schreiben": schreiben,
}  # fmt: skip


def corpus(per_kind: int = 80, seed: int = 14) -> list[tuple[str, str]]:
    """(text, kind) pairs, `per_kind` of each kind."""
    r = random.Random(seed)
    return [(make(r), kind) for kind, make in GENERATORS.items() for _ in range(per_kind)]
