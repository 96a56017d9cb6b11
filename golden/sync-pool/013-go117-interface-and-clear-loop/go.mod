module golden

go 1.17
