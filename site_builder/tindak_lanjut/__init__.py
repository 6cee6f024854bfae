"""The office head's private follow-up (`kinerja tindak-lanjut`, PRODUCT.md §11), a stage of its
own beside the public pipeline:

    office source -> Pegawai (NIP, names), Organisasi, UmpanBalik  (sheets_sync.private_tabs)
    rules/tindak_lanjut.yml + portal.yml `tindak_lanjut` -> the rule
                                                         (site_builder.rules.tindak_lanjut)
    frames + rule -> the follow-up of one office, pure     (compute.py)
    follow-up -> named sheets of tables in Bahasa Indonesia (tables.py)
    sheets -> tindak-lanjut-<KODE>.xlsx (workbook.py) and the `Tindak Lanjut` tab (Google)
    the whole run, office by office                        (run.py)

Private to the office: nothing here reaches the snapshot store, the site, the open data or a
log line; the command prints paths and counts."""
from site_builder.tindak_lanjut.compute import FollowUp, compute_follow_up, follow_up_periods
from site_builder.tindak_lanjut.run import FollowUpRun, OfficeFollowUp, write_follow_ups

__all__ = ["FollowUp", "FollowUpRun", "OfficeFollowUp", "compute_follow_up", "follow_up_periods",
           "write_follow_ups"]
