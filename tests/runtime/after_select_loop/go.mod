module leakcase

go 1.19
