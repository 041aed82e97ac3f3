# a toolchain image used as a tool runner, compiling nothing
FROM golang:1.22
RUN <<EOF
go version
EOF
ENTRYPOINT ["go", "vet", "./..."]
