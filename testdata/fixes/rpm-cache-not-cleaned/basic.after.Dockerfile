FROM fedora:40
RUN dnf install -y nginx && dnf clean all
RUN yum -y install httpd && yum -y update && yum clean all && httpd -v
RUN microdnf install -y shadow-utils \
    && microdnf clean all \
    && useradd app
RUN zypper --non-interactive install curl && zypper clean -a
