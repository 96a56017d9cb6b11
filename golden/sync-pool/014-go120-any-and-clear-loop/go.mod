module golden

go 1.20
