# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN echo one
RUN echo two `
    three
