from golang:1.22 as build
workdir /app
copy . .
run CGO_ENABLED=0 go build -o app .

from scratch
copy --from=build /app/app /app
cmd ["/app"]
