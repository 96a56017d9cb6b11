module golden

go 1.22.0
