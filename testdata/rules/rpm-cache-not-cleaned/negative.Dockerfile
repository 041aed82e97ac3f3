FROM fedora:40 AS build
RUN dnf install -y gcc

FROM fedora:40
RUN dnf install -y nginx && dnf clean all
RUN yum -y install httpd && yum clean all
RUN microdnf install -y shadow-utils && microdnf clean all
RUN dnf install -y git && rm -rf /var/cache/dnf
RUN yum install -y make && rm -rf /var/cache/yum/*
RUN tdnf install -y jq && tdnf clean all
RUN zypper install -y curl && zypper clean -a
RUN zypper in -y vim && zypper cc
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y wget
RUN --mount=type=cache,target=/var/cache/zypp zypper install -y less
# not installs
RUN dnf remove -y vim && rpm -qa && yum repolist
