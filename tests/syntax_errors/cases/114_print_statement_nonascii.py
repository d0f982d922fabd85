print 'héllo wörld'
