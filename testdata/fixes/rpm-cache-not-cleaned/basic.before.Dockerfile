FROM fedora:40
RUN dnf install -y nginx
RUN yum -y install httpd && yum -y update && httpd -v
RUN microdnf install -y shadow-utils \
    && useradd app
RUN zypper --non-interactive install curl
