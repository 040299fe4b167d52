"""The hall's services grouped into agencies, as the kiosk's tiles and the board show them."""

from __future__ import annotations

from core.views import AgencyView, ServiceInfo, agencies_of


def service(code: str, agency: str) -> ServiceInfo:
    return ServiceInfo(
        code=code,
        name=f"Layanan {code}",
        prefix=code[:1],
        agency_code=agency,
        agency_name=f"Instansi {agency}",
        agency_short_name=agency.upper(),
        agency_color=f"#{len(agency):06d}",
        agency_icon=agency,
        service_minutes=10,
        requirements=(),
        procedure="",
        completion_time="",
        fee="",
        product="",
        legal_basis="",
    )


def test_agencies_come_in_the_order_of_their_first_service_with_their_services_in_order():
    ktp, skck, kk, sim = (
        service("ktp", "dukcapil"),
        service("skck", "polres"),
        service("kk", "dukcapil"),
        service("sim", "polres"),
    )
    agencies = agencies_of([ktp, skck, kk, sim])
    assert agencies == [
        AgencyView("dukcapil", "Instansi dukcapil", "DUKCAPIL", "#000008", "dukcapil", (ktp, kk)),
        AgencyView("polres", "Instansi polres", "POLRES", "#000006", "polres", (skck, sim)),
    ]
    assert agencies_of([]) == []
