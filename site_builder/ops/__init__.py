"""Operations of the scheduled publish: change planning, deploy checks, office alerts."""
