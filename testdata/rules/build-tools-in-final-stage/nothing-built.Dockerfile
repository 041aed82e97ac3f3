# Nothing is built in the image after the packages are installed: the
# runtime uses them (an SDK that compiles operators when it runs, musl's
# libc-dev for a .NET runtime).
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y make gcc && microdnf clean all
COPY operator-sdk /usr/local/bin/operator-sdk
ENTRYPOINT ["/usr/local/bin/operator-sdk"]
