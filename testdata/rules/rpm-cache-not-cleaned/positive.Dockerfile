FROM fedora:40
# want "rpm-cache-not-cleaned"
RUN dnf install -y nginx
# want "rpm-cache-not-cleaned"
RUN yum -y groupinstall "Development Tools" && yum -y update
# want "rpm-cache-not-cleaned"
RUN microdnf install -y shadow-utils && microdnf clean metadata
# want "rpm-cache-not-cleaned"
RUN dnf module install -y nodejs:20
# the clean comes before the install
# want "rpm-cache-not-cleaned"
RUN dnf clean all && dnf install -y git
# want "rpm-cache-not-cleaned"
RUN zypper --non-interactive install curl
# want "rpm-cache-not-cleaned" "rpm-cache-not-cleaned"
RUN zypper in -y make && dnf install -y gcc
