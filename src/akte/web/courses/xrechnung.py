"""A submitted invoice as an electronic invoice in the XRechnung CII syntax (UN/CEFACT Cross
Industry Invoice D16B, EN 16931), checked against the EN 16931 CII schema that the drafthorse
package ships (Factur-X 1.0.07 EN16931 XSD).

What is checked here is the schema only. XRechnung's own business rules (the KoSIT
validator's Schematron) cannot run on this machine; docs/courses.md says so. Participants
appear by their participation number only, not by name.
"""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cache

from lxml import etree

from akte.courses.config import office_leitweg_id

from .models import Invoice

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NS = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
BUYER = "Bundesamt für Migration und Flüchtlinge"
EXEMPTION = "Nicht steuerbar: Kostenerstattung nach § 25 DeuFöV"


class XRechnungError(ValueError):
    """The generated document does not fit the schema (a bug: say which element)."""


@cache
def schema() -> etree.XMLSchema:
    import drafthorse

    folder = os.path.join(os.path.dirname(drafthorse.__file__), "schema")
    return etree.XMLSchema(etree.parse(os.path.join(folder, "Factur-X_1.0.07_EN16931.xsd")))


def _e(parent, tag: str, text: str | None = None, **attrs):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", **attrs)
    if text is not None:
        element.text = text
    return element


def _date(parent, tag: str, day) -> None:
    _e(_e(parent, tag), "udt:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _party(parent, tag: str, name: str, city: str) -> None:
    party = _e(parent, tag)
    _e(party, "ram:Name", name)
    address = _e(party, "ram:PostalTradeAddress")
    _e(address, "ram:CityName", city)
    _e(address, "ram:CountryID", "DE")


def _tax(parent, basis: Decimal | None = None) -> None:
    tax = _e(parent, "ram:ApplicableTradeTax")
    if basis is not None:
        _e(tax, "ram:CalculatedAmount", "0.00")
    _e(tax, "ram:TypeCode", "VAT")
    if basis is not None:
        _e(tax, "ram:ExemptionReason", EXEMPTION)
        _e(tax, "ram:BasisAmount", f"{basis:.2f}")
    _e(tax, "ram:CategoryCode", "E")
    _e(tax, "ram:RateApplicablePercent", "0")


def buyer_reference(course) -> str:
    """BT-10: the Leitweg-ID set for the provider, else the office's
    (`AKTE_COURSES_LEITWEG_ID`), else the course number."""
    return course.provider.leitweg_id or office_leitweg_id() or course.number


def build(invoice: Invoice) -> bytes:
    course = invoice.course
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NS)
    context = _e(root, "rsm:ExchangedDocumentContext")
    _e(_e(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", XRECHNUNG)
    document = _e(root, "rsm:ExchangedDocument")
    _e(document, "ram:ID", invoice.number)
    _e(document, "ram:TypeCode", "380")
    _date(document, "ram:IssueDateTime", invoice.submitted_at.date())
    note = _e(document, "ram:IncludedNote")
    _e(note, "ram:Content", f"Berufssprachkurs {course.number}, Regeln {invoice.rulebook}")
    transaction = _e(root, "rsm:SupplyChainTradeTransaction")
    lines_total = Decimal(0)
    for number, line in enumerate(invoice.lines, start=1):
        item = _e(transaction, "ram:IncludedSupplyChainTradeLineItem")
        _e(_e(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(number))
        product = _e(item, "ram:SpecifiedTradeProduct")
        _e(
            product,
            "ram:Name",
            f"Teilnahme {line['participant']}, {line['first']} bis {line['last']}",
        )
        agreement = _e(item, "ram:SpecifiedLineTradeAgreement")
        _e(_e(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", line["rate"])
        delivery = _e(item, "ram:SpecifiedLineTradeDelivery")
        _e(delivery, "ram:BilledQuantity", str(line["units_billable"]), unitCode="C62")
        settlement = _e(item, "ram:SpecifiedLineTradeSettlement")
        _tax(settlement)
        summation = _e(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _e(summation, "ram:LineTotalAmount", line["amount"])
        lines_total += Decimal(line["amount"])
    agreement = _e(transaction, "ram:ApplicableHeaderTradeAgreement")
    _e(agreement, "ram:BuyerReference", buyer_reference(course))
    _party(agreement, "ram:SellerTradeParty", course.provider.name, course.provider.region)
    _party(agreement, "ram:BuyerTradeParty", BUYER, "Nürnberg")
    _e(transaction, "ram:ApplicableHeaderTradeDelivery")
    settlement = _e(transaction, "ram:ApplicableHeaderTradeSettlement")
    _e(settlement, "ram:InvoiceCurrencyCode", "EUR")
    basis = lines_total - invoice.contributions
    _tax(settlement, basis)
    period = _e(settlement, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.first)
    _date(period, "ram:EndDateTime", invoice.last)
    if invoice.contributions:
        allowance = _e(settlement, "ram:SpecifiedTradeAllowanceCharge")
        _e(_e(allowance, "ram:ChargeIndicator"), "udt:Indicator", "false")
        _e(allowance, "ram:ActualAmount", f"{invoice.contributions:.2f}")
        _e(allowance, "ram:Reason", "Kostenbeiträge der Teilnehmenden (§ 4 DeuFöV)")
        category = _e(allowance, "ram:CategoryTradeTax")
        _e(category, "ram:TypeCode", "VAT")
        _e(category, "ram:CategoryCode", "E")
        _e(category, "ram:RateApplicablePercent", "0")
    totals = _e(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _e(totals, "ram:LineTotalAmount", f"{lines_total:.2f}")
    if invoice.contributions:
        _e(totals, "ram:AllowanceTotalAmount", f"{invoice.contributions:.2f}")
    _e(totals, "ram:TaxBasisTotalAmount", f"{basis:.2f}")
    _e(totals, "ram:TaxTotalAmount", "0.00", currencyID="EUR")
    _e(totals, "ram:GrandTotalAmount", f"{basis:.2f}")
    _e(totals, "ram:DuePayableAmount", f"{invoice.payable:.2f}")
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    check(body)
    return body


def check(body: bytes) -> None:
    """Raise `XRechnungError` when `body` does not fit the EN 16931 CII schema. The parser
    resolves no entities and loads nothing from the network (hostile input stays inert)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        document = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise XRechnungError(str(error)) from None
    validator = schema()
    if not validator.validate(document):
        raise XRechnungError(str(validator.error_log.last_error))
