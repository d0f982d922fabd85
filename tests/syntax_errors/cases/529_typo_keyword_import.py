impor math
