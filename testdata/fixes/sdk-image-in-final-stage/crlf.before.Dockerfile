from golang:1.22
workdir /app
copy . .
run go build -o app .
cmd ["./app"]
