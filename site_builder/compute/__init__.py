"""Pure compute: staging frames in, mart frames out. No I/O, no clock (`today` is a parameter).

One module per concept: capaian, office_index, predikat, kurva, ikm, pengaduan, trends; `portal`
assembles them into `Marts`."""
