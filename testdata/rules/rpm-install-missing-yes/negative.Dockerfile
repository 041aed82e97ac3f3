FROM fedora:40
RUN dnf install -y httpd && dnf clean all
RUN yum -y install httpd && yum clean all
RUN dnf install --assumeyes make && dnf clean all
RUN dnf --setopt=assumeyes=1 install gcc && dnf clean all
RUN microdnf install -y shadow-utils && microdnf clean all
RUN zypper -n install curl && zypper clean -a
RUN zypper --non-interactive in curl && zypper clean -a
RUN zypper install -y curl && zypper clean -a
RUN zypper install --no-confirm curl && zypper clean -a
RUN yes | dnf install httpd && dnf clean all
# Queries and reads ask nothing.
RUN dnf --version && dnf list installed && dnf info httpd && notdnf install httpd
