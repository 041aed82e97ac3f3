FROM fedora:40
# want "rpm-cache-not-cleaned"
ONBUILD RUN dnf install -y nginx
ONBUILD RUN dnf install -y nginx && dnf clean all
# microdnf cleans its own cache, not dnf's.
# want "rpm-cache-not-cleaned"
RUN dnf install -y git && microdnf clean all
RUN yum install -y git && dnf clean all
